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
    /// Replies to the command once: <paramref name="work"/> gives either the success reply or a rejection. It is
    /// handed a function that completes the key with the success reply; work that writes in a transaction calls
    /// it just before the commit, so that the data and the completed key are committed together (otherwise the
    /// key is completed after the work, and a database lost in between left it "in progress" over committed data).
    /// </summary>
    internal async Task RespondAsync<TSucceeded>(
        ConsumeContext context, string communityId, IdempotencyStamp? stamp,
        Func<Func<TSucceeded, Task>?, Task<(TSucceeded? Succeeded, CommandRejected? Rejected)>> work)
        where TSucceeded : class
    {
        if (stamp is null)
        {
            await RespondAsync(context, await work(null));
            return;
        }

        var (decision, stored) = await keys.BeginAsync(communityId, stamp.Key, stamp.RequestHash, context.CancellationToken, context.MessageId);
        switch (decision)
        {
            case IdempotencyDecision.Replay:
                var body = Encoding.UTF8.GetString(stored!.ResponseBody!);
                await RespondAsync(context, stored.ResponseContentType == Succeeded
                    ? (JsonSerializer.Deserialize<TSucceeded>(body, Json), null)
                    : ((TSucceeded?)null, JsonSerializer.Deserialize<CommandRejected>(body, Json)));
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

        (TSucceeded? Succeeded, CommandRejected? Rejected) outcome;
        var completedWithData = false;
        try
        {
            outcome = await work(async succeeded =>
            {
                await keys.CompleteAsync(communityId, stamp.Key, StatusCodes.Status200OK, Succeeded,
                    JsonSerializer.SerializeToUtf8Bytes(succeeded, Json), context.CancellationToken);
                completedWithData = true;
            });
        }
        catch
        {
            await keys.AbandonAsync(communityId, stamp.Key);
            throw;
        }

        if (!completedWithData)
        {
            var (kind, json, status) = outcome.Succeeded is { } ok
                ? (Succeeded, JsonSerializer.SerializeToUtf8Bytes(ok, Json), StatusCodes.Status200OK)
                : (Rejected, JsonSerializer.SerializeToUtf8Bytes(outcome.Rejected!, Json), outcome.Rejected!.StatusCode);
            try
            {
                await keys.CompleteAsync(communityId, stamp.Key, status, kind, json, CancellationToken.None);
            }
            catch when (outcome.Rejected is not null)
            {
                // Nothing was written: let the key go, so that the partner's retry is answered afresh.
                await keys.AbandonAsync(communityId, stamp.Key);
                throw;
            }
        }

        await RespondAsync(context, outcome);
    }

    private Task RespondAsync<TSucceeded>(ConsumeContext context, (TSucceeded? Succeeded, CommandRejected? Rejected) outcome)
        where TSucceeded : class =>
        outcome.Succeeded is { } ok ? ReplyAsync(context, ok) : ReplyAsync(context, outcome.Rejected!);

    private Task ReplyAsync<TReply>(ConsumeContext context, TReply reply) where TReply : class =>
        BrokerPatience.SendWithinLimitAsync(context.RespondAsync(reply), logger, "reply");
}
