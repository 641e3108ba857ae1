using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Commands;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// The bus side of <c>Idempotency-Key</c>: the same keys table and rules as the HTTP middleware, with the
/// reply message stored in place of an HTTP response.
/// </summary>
public sealed class IdempotentReplies(IdempotencyKeys<StoreDbContext> keys, StoreDbContext db, ILogger<IdempotentReplies> logger)
{
    private const string Succeeded = "succeeded";
    private const string Rejected = "rejected";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// True for a command that waited in the queue, or in retries, past the gateway's deadline: the partner
    /// already has a 502, so carrying it out now would surprise them. A key this very message still holds
    /// (an earlier attempt of it began, then failed while the database was away) is let go, so that the
    /// partner's retry with the key is carried out at once. Not dropped: a command whose products were
    /// committed by an instance that died before it completed the key; carried out again, it replays
    /// its reply and completes the key, so that the partner's retry cannot create the products twice.
    /// </summary>
    internal async Task<bool> DropIfExpiredAsync(ConsumeContext context, string communityId, IdempotencyStamp? stamp, string what)
    {
        if (context.ExpirationTime is not { } expires || expires >= DateTime.UtcNow) return false;
        if (context.MessageId is { } handled && await db.HandledCommands.AnyAsync(h => h.MessageId == handled, context.CancellationToken)) return false;
        logger.LogWarning("Dropped an expired {Command}", what);
        if (stamp is not null && context.MessageId is { } messageId)
        {
            await keys.ReleaseAsync(communityId, stamp.Key, messageId, context.CancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Replies to the command once: <paramref name="work"/> gives either the success reply or a rejection. With a
    /// key, the work runs in one transaction with the key's completion (<see cref="IdempotencyKeys{TContext}.CarryOutAsync"/>),
    /// so that its data and the stored reply commit together. <paramref name="outgoing"/>, if given, makes the success reply
    /// as it is sent (not as it is stored), for a fresh and a replayed one alike.
    /// </summary>
    internal async Task RespondAsync<TSucceeded>(
        ConsumeContext context, string communityId, IdempotencyStamp? stamp, Func<Task<(TSucceeded? Succeeded, CommandRejected? Rejected)>> work,
        Func<TSucceeded, Task<TSucceeded>>? outgoing = null)
        where TSucceeded : class
    {
        if (stamp is null)
        {
            await RespondAsync(context, await work(), outgoing);
            return;
        }

        var (decision, stored) = await keys.BeginAsync(communityId, stamp.Key, stamp.RequestHash, context.CancellationToken, context.MessageId);
        switch (decision)
        {
            case IdempotencyDecision.Replay:
                var body = Encoding.UTF8.GetString(stored!.ResponseBody!);
                await RespondAsync(context, stored.ResponseContentType == Succeeded
                    ? (JsonSerializer.Deserialize<TSucceeded>(body, Json), null)
                    : ((TSucceeded?)null, JsonSerializer.Deserialize<CommandRejected>(body, Json)), outgoing);
                return;
            case IdempotencyDecision.Reused:
                await ReplyAsync(context, new CommandRejected(StatusCodes.Status409Conflict, "This Idempotency-Key was used with another request body.",
                    [new("idempotency_key_reused", "This Idempotency-Key was used with another request body.", IdempotencyKey.HeaderName)]));
                return;
            case IdempotencyDecision.InProgress:
                await ReplyAsync(context, new CommandRejected(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still running.",
                    [new("idempotency_key_in_progress", "A request with this Idempotency-Key is still running; retry when it has finished.", IdempotencyKey.HeaderName)]));
                return;
        }

        var outcome = await keys.CarryOutAsync(communityId, stamp.Key, work, outcome => outcome.Succeeded is { } ok
            ? (StatusCodes.Status200OK, Succeeded, JsonSerializer.SerializeToUtf8Bytes(ok, Json))
            : (outcome.Rejected!.StatusCode, Rejected, JsonSerializer.SerializeToUtf8Bytes(outcome.Rejected, Json)));
        await RespondAsync(context, outcome, outgoing);
    }

    private async Task RespondAsync<TSucceeded>(ConsumeContext context, (TSucceeded? Succeeded, CommandRejected? Rejected) outcome,
        Func<TSucceeded, Task<TSucceeded>>? outgoing)
        where TSucceeded : class
    {
        if (outcome.Succeeded is not { } ok)
        {
            await ReplyAsync(context, outcome.Rejected!);
            return;
        }

        await ReplyAsync(context, outgoing is null ? ok : await outgoing(ok));
    }

    private Task ReplyAsync<TReply>(ConsumeContext context, TReply reply) where TReply : class =>
        BrokerPatience.SendWithinLimitAsync(context.RespondAsync(reply), logger, "reply");
}
