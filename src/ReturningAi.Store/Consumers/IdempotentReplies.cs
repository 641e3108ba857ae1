using System.Text;
using System.Text.Json;
using MassTransit;
using ReturningAi.Contracts.Commands;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// The bus side of <c>Idempotency-Key</c>: the same keys table and rules as the HTTP middleware, with the
/// reply message stored in place of an HTTP response.
/// </summary>
public sealed class IdempotentReplies(IdempotencyKeys<StoreDbContext> keys)
{
    private const string Succeeded = "succeeded";
    private const string Rejected = "rejected";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Replies to the command once: <paramref name="work"/> gives either the success reply or a rejection.</summary>
    internal async Task RespondAsync<TSucceeded>(
        ConsumeContext context, string communityId, IdempotencyStamp? stamp, Func<Task<(TSucceeded? Succeeded, CommandRejected? Rejected)>> work)
        where TSucceeded : class
    {
        if (stamp is null)
        {
            await RespondAsync(context, await work());
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
                await context.RespondAsync(new CommandRejected(StatusCodes.Status409Conflict, "This Idempotency-Key was used with another request body.",
                    [new("idempotency_key_reused", "This Idempotency-Key was used with another request body.", IdempotencyKey.HeaderName)]));
                return;
            case IdempotencyDecision.InProgress:
                await context.RespondAsync(new CommandRejected(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still running.",
                    [new("idempotency_key_in_progress", "A request with this Idempotency-Key is still running; retry when it has finished.", IdempotencyKey.HeaderName)]));
                return;
        }

        (TSucceeded? Succeeded, CommandRejected? Rejected) outcome;
        try
        {
            outcome = await work();
        }
        catch
        {
            await keys.AbandonAsync(communityId, stamp.Key);
            throw;
        }

        var (kind, json, status) = outcome.Succeeded is { } ok
            ? (Succeeded, JsonSerializer.SerializeToUtf8Bytes(ok, Json), StatusCodes.Status200OK)
            : (Rejected, JsonSerializer.SerializeToUtf8Bytes(outcome.Rejected!, Json), outcome.Rejected!.StatusCode);
        await keys.CompleteAsync(communityId, stamp.Key, status, kind, json, CancellationToken.None);
        await RespondAsync(context, outcome);
    }

    private static Task RespondAsync<TSucceeded>(ConsumeContext context, (TSucceeded? Succeeded, CommandRejected? Rejected) outcome)
        where TSucceeded : class =>
        outcome.Succeeded is { } ok ? context.RespondAsync(ok) : context.RespondAsync(outcome.Rejected!);
}
