using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ReturningAi.Messaging;

/// <summary>
/// A consumer handles each message id once: <c>await db.HandleOnceAsync(context, "store-reference-data-changed", effect)</c>
/// writes the <c>(consumer, message id)</c> row of <c>inbox_messages</c> and runs the effect in one
/// transaction. A redelivery finds the row and does nothing; two instances given the same message at
/// once meet on the row's key, and the second waits for the first and then does nothing (or, if the
/// first failed and rolled back, carries it out). Events the effect adds are written in the same
/// transaction, so a consumer that reacts with events of its own is exactly-once end to end.
/// </summary>
public static class Inbox
{
    private const string MarkSql = $$"""
        INSERT INTO {{MessagingModelExtensions.InboxTable}} (consumer, message_id, handled_at) VALUES ({0}, {1}, clock_timestamp())
        ON CONFLICT DO NOTHING
        """;

    /// <returns>False when this consumer had already handled the message, and nothing was done.</returns>
    public static Task<bool> HandleOnceAsync(this DbContext db, ConsumeContext context, string consumer, Func<CancellationToken, Task> effect)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("The message has no MessageId, so it cannot be handled once.");
        return db.HandleOnceAsync(consumer, messageId, effect, context.CancellationToken);
    }

    public static async Task<bool> HandleOnceAsync(this DbContext db, string consumer, Guid messageId, Func<CancellationToken, Task> effect,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Database.ExecuteSqlRawAsync(MarkSql, [consumer, messageId], cancellationToken) == 0) return false;
        await effect(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
