using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Webhooks.Infrastructure;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Deliveries;

/// <summary>
/// One attempt from claim to record, in one transaction. The claim locks the due delivery
/// <c>FOR UPDATE SKIP LOCKED</c> (so no two instances ever send it at once) and its endpoint <c>FOR KEY SHARE</c>
/// (so deleting the endpoint waits for attempts under way and none starts after it), and reads the endpoint and the
/// event with it. The lock is held while the request is out; an instance that dies with it releases it with its
/// connection, and the delivery is due again. A success on an endpoint that was not failing is three round trips
/// (claim, update, commit): under load each round trip waits for a core, and six of them per attempt kept the
/// deliveries behind the purchases (bench scenario h).
/// </summary>
public sealed class DeliveryAttempts(WebhooksDbContext db, DeliverySender sender, DeliveryPolicy policy, TimeProvider time)
{
    // The event is read, not locked: an event is never changed, and deliveries keep it from being deleted.
    private const string ClaimSql = """
        SELECT d.id, d.community_id, d.endpoint_id, d.event_id, d.event_type, d.state, d.attempts, d.last_attempt_at, d.last_status_code,
               d.last_error_code, d.last_error_message, d.next_attempt_at, d.is_test, d.created_at,
               e.url, e.is_enabled, e.failing_since, e.encryption_mode, e.protected_encryption_key, e.protected_secret,
               e.protected_previous_secret, e.previous_secret_expires_at,
               v.type, v.data::text, v.occurred_at, v.recorded_at
        FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN webhook_events v ON v.id = d.event_id
        WHERE d.state = 'pending' AND d.next_attempt_at <= @now
        ORDER BY d.next_attempt_at
        LIMIT 1
        FOR UPDATE OF d SKIP LOCKED FOR KEY SHARE OF e
        """;

    /// <returns>False when no delivery was due.</returns>
    public async Task<bool> AttemptNextAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ClaimAsync(transaction.GetDbTransaction(), cancellationToken) is not var (delivery, endpoint, webhookEvent)) return false;

        db.Deliveries.Attach(delivery);
        if (!endpoint.IsEnabled)
        {
            DeliveryPolicy.FailDisabled(delivery);
        }
        else
        {
            var result = await sender.SendAsync(endpoint, webhookEvent, cancellationToken);
            await RecordAsync(delivery, endpoint, result, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The first due delivery, locked, with its endpoint and event as they are now; null when none is due.</summary>
    private async Task<(WebhookDelivery Delivery, WebhookEndpoint Endpoint, WebhookEvent Event)?> ClaimAsync(DbTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ClaimSql, (NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", time.GetUtcNow()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;

        // By the names ClaimSql selects (each once across its three tables).
        var delivery = new WebhookDelivery
        {
            Id = reader.GetFieldValue<string>("id"),
            CommunityId = reader.GetFieldValue<string>("community_id"),
            EndpointId = reader.GetFieldValue<string>("endpoint_id"),
            EventId = reader.GetFieldValue<string>("event_id"),
            EventType = reader.GetFieldValue<string>("event_type"),
            State = reader.GetFieldValue<string>("state"),
            Attempts = reader.GetFieldValue<int>("attempts"),
            LastAttemptAt = reader.NullableValue<DateTimeOffset>("last_attempt_at"),
            LastStatusCode = reader.NullableValue<int>("last_status_code"),
            LastErrorCode = reader.NullableColumn<string>("last_error_code"),
            LastErrorMessage = reader.NullableColumn<string>("last_error_message"),
            NextAttemptAt = reader.NullableValue<DateTimeOffset>("next_attempt_at"),
            IsTest = reader.GetFieldValue<bool>("is_test"),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>("created_at"),
        };
        // What the attempt and its record read of the endpoint; its lists and description are not needed.
        var endpoint = new WebhookEndpoint
        {
            Id = delivery.EndpointId,
            CommunityId = delivery.CommunityId,
            Url = reader.GetFieldValue<string>("url"),
            IsEnabled = reader.GetFieldValue<bool>("is_enabled"),
            FailingSince = reader.NullableValue<DateTimeOffset>("failing_since"),
            EncryptionMode = reader.NullableColumn<string>("encryption_mode"),
            ProtectedEncryptionKey = reader.NullableColumn<string>("protected_encryption_key"),
            ProtectedSecret = reader.GetFieldValue<string>("protected_secret"),
            ProtectedPreviousSecret = reader.NullableColumn<string>("protected_previous_secret"),
            PreviousSecretExpiresAt = reader.NullableValue<DateTimeOffset>("previous_secret_expires_at"),
        };
        var webhookEvent = new WebhookEvent
        {
            Id = delivery.EventId,
            CommunityId = delivery.CommunityId,
            Type = reader.GetFieldValue<string>("type"),
            Data = reader.GetFieldValue<string>("data"),
            OccurredAt = reader.GetFieldValue<DateTimeOffset>("occurred_at"),
            RecordedAt = reader.GetFieldValue<DateTimeOffset>("recorded_at"),
        };
        return (delivery, endpoint, webhookEvent);
    }

    /// <summary>
    /// Applies an attempt's result to its delivery (locked by the caller) and, when it changes the endpoint, to the
    /// endpoint read afresh and locked, so that a change made meanwhile (disabled, deleted key) counts; a disabling
    /// fails the endpoint's other pending deliveries, except those another attempt holds, whose own record then sees the
    /// endpoint disabled. A success on an endpoint that was not failing when the attempt was claimed
    /// (<paramref name="claimed"/>) changes the delivery alone and takes no endpoint lock, so the attempts to one endpoint
    /// record side by side (bench scenario h: 4–6 of 8 waited on it); a failure recorded by another attempt meanwhile then
    /// orders as if recorded after this success.
    /// </summary>
    public async Task RecordAsync(WebhookDelivery delivery, WebhookEndpoint claimed, AttemptResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded && (delivery.IsTest || claimed.FailingSince is null))
        {
            policy.Apply(delivery, claimed, result, time.GetUtcNow());
            return;
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
