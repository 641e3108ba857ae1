using Microsoft.EntityFrameworkCore;
using ReturningAi.Webhooks.Infrastructure;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Deliveries;

/// <summary>
/// One attempt from claim to record, in one transaction. The claim locks the due delivery
/// <c>FOR UPDATE SKIP LOCKED</c> (so no two instances ever send it at once) and its endpoint <c>FOR KEY SHARE</c>
/// (so deleting the endpoint waits for attempts under way and none starts after it). The lock is held while the
/// request is out; an instance that dies with it releases it with its connection, and the delivery is due again.
/// </summary>
public sealed class DeliveryAttempts(WebhooksDbContext db, DeliverySender sender, DeliveryPolicy policy, TimeProvider time)
{
    /// <returns>False when no delivery was due.</returns>
    public async Task<bool> AttemptNextAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var claimed = await db.Deliveries.FromSql($"""
            SELECT d.* FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.state = 'pending' AND d.next_attempt_at <= {now}
            ORDER BY d.next_attempt_at
            LIMIT 1
            FOR UPDATE OF d SKIP LOCKED FOR KEY SHARE OF e
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0) return false;

        var delivery = claimed[0];
        var endpoint = await db.Endpoints.AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (!endpoint.IsEnabled)
        {
            DeliveryPolicy.FailDisabled(delivery);
        }
        else
        {
            var webhookEvent = await db.Events.AsNoTracking().SingleAsync(e => e.Id == delivery.EventId, cancellationToken);
            var result = await sender.SendAsync(endpoint, webhookEvent, cancellationToken);
            await RecordAsync(delivery, result, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Applies an attempt's result to its delivery (locked by the caller) and to the endpoint, read afresh and
    /// locked, so that a change made meanwhile (disabled, deleted key) counts; a disabling fails the endpoint's
    /// other pending deliveries, except those another attempt holds, whose own record then sees the endpoint disabled.
    /// A success on an endpoint that is not failing changes the delivery alone and takes no endpoint lock: the attempts
    /// to one endpoint then record side by side instead of one at a time (bench scenario h: 4–6 of 8 waited on it).
    /// </summary>
    public async Task RecordAsync(WebhookDelivery delivery, AttemptResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded)
        {
            var current = await db.Endpoints.AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, cancellationToken);
            if (delivery.IsTest || current.FailingSince is null)
            {
                policy.Apply(delivery, current, result, time.GetUtcNow());
                return;
            }
        }

        var endpoint = (await db.Endpoints.FromSql($"SELECT * FROM webhook_endpoints WHERE id = {delivery.EndpointId} FOR NO KEY UPDATE")
            .ToListAsync(cancellationToken)).Single();
        if (policy.Apply(delivery, endpoint, result, time.GetUtcNow()) is not null)
        {
            await FailPendingAsync(db, endpoint.Id, delivery.Id, cancellationToken);
        }
    }

    /// <summary>The endpoint's pending deliveries fail with <c>endpoint_disabled</c>; those held by an attempt under way are left to it.</summary>
    public static Task<int> FailPendingAsync(WebhooksDbContext db, string endpointId, string? exceptDeliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlAsync($"""
            UPDATE webhook_deliveries SET state = 'failed', next_attempt_at = NULL,
                last_error_code = {DeliveryErrors.EndpointDisabled}, last_error_message = 'The endpoint is disabled.'
            WHERE id IN (
                SELECT id FROM webhook_deliveries
                WHERE endpoint_id = {endpointId} AND state = 'pending' AND id <> {exceptDeliveryId ?? ""}
                FOR UPDATE SKIP LOCKED)
            """, cancellationToken);
    }
}
