using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Products;

/// <summary>
/// The bus commands the store has carried out (<c>handled_commands</c>), each recorded in the transaction
/// of its data with its reply: a redelivery answers the same and writes nothing, and of two instances
/// given the same message at once, the key lets one commit and the other answers as it did.
/// </summary>
internal static class HandledCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Record<TReply>(StoreDbContext db, Guid messageId, string communityId, TReply reply, DateTimeOffset now) =>
        db.HandledCommands.Add(new HandledCommand
        {
            MessageId = messageId,
            CommunityId = communityId,
            Reply = JsonSerializer.Serialize(reply, Json),
            HandledAt = now,
        });

    /// <summary>The reply a handled command gave, or null if it was not handled.</summary>
    public static async Task<TReply?> FindReplyAsync<TReply>(StoreDbContext db, Guid messageId, CancellationToken cancellationToken)
        where TReply : class
    {
        var reply = await db.HandledCommands.AsNoTracking().Where(h => h.MessageId == messageId).Select(h => h.Reply)
            .SingleOrDefaultAsync(cancellationToken);
        return reply is null ? null : JsonSerializer.Deserialize<TReply>(reply, Json);
    }

    /// <summary>True when another instance recorded the same command first.</summary>
    public static bool IsRepeat(DbUpdateException exception) => PostgresErrors.IsUniqueViolation(exception, "pk_handled_commands");
}
