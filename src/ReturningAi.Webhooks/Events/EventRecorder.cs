using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Webhooks.Deliveries;
using ReturningAi.Webhooks.Infrastructure;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Events;

/// <summary>
/// Records an event once per event id and, in the same statement, one pending delivery per enabled endpoint of
/// its community that subscribes to its type (and, for messages, its channel). A redelivered bus message, here or on
/// another instance at the same moment, meets the event's key and adds nothing.
/// </summary>
public sealed class EventRecorder(WebhooksDbContext db, DeliveryPolicy policy, DeliverySignal signal, TimeProvider time)
{
    // data is written as the partner reads it: the names given, instants in UTC with milliseconds.
    private static readonly JsonSerializerOptions DataOptions = new() { Converters = { new UtcMillisecondsDateTimeOffsetConverter() } };

    /// <summary>
    /// Records the event of a bus message with <paramref name="data"/> as its <c>data</c>: its id the owner's
    /// <paramref name="ownerEventId"/> when it has one (the owner keeps it across redeliveries), else derived from the
    /// message id; its <c>createdAt</c> when the owner wrote it.
    /// </summary>
    public Task<int> RecordAsync(ConsumeContext context, string communityId, string type, object data, string? ownerEventId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var eventId = ObjectIds.IsValid(ownerEventId) ? ownerEventId! : BusEventIds.From(context);
        return RecordAsync(eventId, communityId, type, JsonSerializer.Serialize(data, DataOptions), BusEventIds.OccurredAt(context, time),
            channelId: null, context.CancellationToken);
    }

    /// <returns>The deliveries made; 0 also when the event had been recorded before.</returns>
    public async Task<int> RecordAsync(string eventId, string communityId, string type, string data, DateTimeOffset occurredAt, string? channelId,
        CancellationToken cancellationToken)
    {
        try
        {
            return await RecordOnceAsync(eventId, communityId, type, data, occurredAt, channelId, cancellationToken);
        }
        catch (Exception exception)
        {
            // The consumer's retries then meet fresh connections: after a PostgreSQL restart, one dead pooled connection per try ran out the retries.
            ConnectionLoss.ClearPoolsIfLost(exception);
            throw;
        }
    }

    private async Task<int> RecordOnceAsync(string eventId, string communityId, string type, string data, DateTimeOffset occurredAt, string? channelId,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var endpoints = await db.Endpoints.AsNoTracking()
            .Where(e => e.CommunityId == communityId && e.IsEnabled && (e.Events.Contains(type) || e.Events.Contains(EventTypes.All)))
            .Where(e => channelId == null || e.ChannelIds.Count == 0 || e.ChannelIds.Contains(channelId))
            .Select(e => e.Id)
            .ToArrayAsync(cancellationToken);
        var deliveryIds = endpoints.Select(_ => ObjectIds.New(time)).ToArray();
        var firstAttempt = now + policy.Schedule.WaitBefore(1, Random.Shared)!.Value;

        // The event and its deliveries in one statement (two round trips a bus event, not five): the deliveries are made
        // only when the event is new, so a redelivered message meets the event's key and adds nothing.
        var made = await db.Database.ExecuteSqlAsync($"""
            WITH recorded AS (
                INSERT INTO webhook_events (id, community_id, type, data, occurred_at, recorded_at)
                VALUES ({eventId}, {communityId}, {type}, {data}::jsonb, {occurredAt}, {now})
                ON CONFLICT (id) DO NOTHING
                RETURNING id)
            INSERT INTO webhook_deliveries (id, community_id, endpoint_id, event_id, event_type, state, attempts, next_attempt_at, is_test, created_at)
            SELECT d.id, {communityId}, d.endpoint_id, r.id, {type}, {DeliveryStates.Pending}, 0, {firstAttempt}, false, {now}
            FROM recorded r CROSS JOIN unnest({deliveryIds}, {endpoints}) AS d(id, endpoint_id)
            """, cancellationToken);
        if (made > 0) signal.Pulse();
        return made;
    }
}
