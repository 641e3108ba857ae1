using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReturningAi.Messaging;

/// <summary>
/// Events that leave with the data. <c>db.AddEvent(new ApiKeyChanged(...), source: key.Id)</c> inside a
/// unit of work writes the event to the service's <c>outbox_messages</c> in the same transaction as the
/// data: SaveChanges's own transaction, or the one the caller began (with plain Npgsql or COPY in it
/// too). Add it with the changes it reports, before their SaveChanges or, for writes without one,
/// before the commit. See README.md beside this file.
/// </summary>
public static class Outbox
{
    private static readonly ConditionalWeakTable<IDbContextOptions, object> OptionsWithOutbox = new();

    /// <param name="source">
    /// The narrowest thing whose events must reach consumers in the order they happened, usually the id
    /// of what changed (<c>role:{id}</c>); events of one source are published in creation order.
    /// </param>
    public static void AddEvent(this DbContext db, object message, string source)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!(bool)OptionsWithOutbox.GetValue(db.GetService<IDbContextOptions>(), UsesOutbox))
        {
            throw new InvalidOperationException($"{db.GetType().Name} does not use the outbox: call UseOutbox() on its options.");
        }

        OutboxBuffer.Of(db).Add(OutboxEntry.Create(message, source), db.Database.CurrentTransaction?.TransactionId);
    }

    /// <summary>Lets the context's transactions carry the events added to it (<see cref="AddEvent"/>).</summary>
    public static DbContextOptionsBuilder UseOutbox(this DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddInterceptors(OutboxInterceptor.Instance);
    }

    private static object UsesOutbox(IDbContextOptions options) =>
        options.FindExtension<CoreOptionsExtension>()?.Interceptors?.Contains(OutboxInterceptor.Instance) == true;
}
