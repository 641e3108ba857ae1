using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.Lists;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Webhooks.Deliveries;
using ReturningAi.Webhooks.Endpoints;
using ReturningAi.Webhooks.Events;
using ReturningAi.Webhooks.Infrastructure;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Apis;

/// <summary>An endpoint's delivery log, redelivery and test event (events-and-jobs.md §1.1), and the event types.</summary>
public static class DeliveriesApi
{
    public static readonly ListDefinition<WebhookDelivery, WebhookDeliveryDto> List = new ListDefinition<WebhookDelivery, WebhookDeliveryDto>()
        .Sort("createdAt", d => d.CreatedAt).Sort("lastAttemptAt", d => d.LastAttemptAt).Sort("nextAttemptAt", d => d.NextAttemptAt)
        .Sort("attempts", d => d.Attempts).Sort("state", d => d.State).Sort("eventType", d => d.EventType)
        .Filter("state", d => d.State).Filter("eventType", d => d.EventType).Filter("isTest", d => d.IsTest)
        .OrderBy("createdAt", descending: true).Tiebreak(d => d.Id, descending: true);

    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks").RequireCommunity().RequirePermission(Permissions.Webhooks).WithTags("Webhooks");
        webhooks.MapGet("/event-types", ListEventTypes).WithName("listWebhookEventTypes").WithSummary("List the event types endpoints can subscribe to")
            .Returns<IReadOnlyList<EventTypeDto>>().ResponseExample("Read webhook event types success.", EventTypes.Catalogue);
        var endpoint = webhooks.MapGroup("/endpoints/{endpointId}");
        endpoint.MapPost("/test", SendTest).WithName("testWebhookEndpoint").WithSummary("Send a test event to an endpoint")
            .WithDescription("One `webhook.test` attempt (`data: {endpointID}`), whatever the endpoint's `events` and `isEnabled`; it does not count towards disabling. The answer is the delivery after the attempt.")
            .Returns<WebhookDeliveryDto>().ResponseExample("Test webhook endpoint success.", WebhookExamples.TestDelivery).Errors(404);
        endpoint.MapGet("/deliveries", ListDeliveries).WithName("listWebhookDeliveries").WithSummary("List an endpoint's deliveries, newest first")
            .WithDescription("Kept 30 days. Filter with `filter=state:failed` or `filter=eventType:store.item_purchased`.")
            .ListParameters(List).Returns<IReadOnlyList<WebhookDeliveryDto>>().ResponseExample("Read webhook deliveries success.", new[] { WebhookExamples.Delivery })
            .Errors(400, 404);
        endpoint.MapGet("/deliveries/{deliveryId}", GetDelivery).WithName("getWebhookDelivery").WithSummary("Read a delivery with its event")
            .Returns<WebhookDeliveryDto>().ResponseExample("Read webhook delivery success.", WebhookExamples.DeliveryWithEvent).Errors(404);
        endpoint.MapPost("/deliveries/{deliveryId}/redeliver", Redeliver).WithName("redeliverWebhookDelivery").WithSummary("Deliver an event again")
            .WithDescription("A fresh schedule with the same event id (`webhook-id`). 409 `delivery_pending` while it is still pending, `endpoint_disabled` while the endpoint is.")
            .Returns<WebhookDeliveryDto>().ResponseExample("Redeliver webhook delivery success.", WebhookExamples.PendingDelivery).Errors(404, 409);
        return app;
    }

    public static IResult ListEventTypes() => ApiResults.Success("Read webhook event types success.", EventTypes.Catalogue);

    public static async Task<IResult> SendTest(string endpointId, HttpContext http, WebhooksDbContext db, DeliverySender sender,
        DeliveryAttempts attempts, TimeProvider time, CancellationToken cancellationToken)
    {
        var endpoint = await EndpointsApi.FindAsync(db, http, endpointId, tracked: false, cancellationToken);
        if (endpoint is null) return EndpointsApi.NotFound(http);

        var now = time.GetUtcNow();
        var webhookEvent = new WebhookEvent
        {
            Id = ObjectIds.New(time), CommunityId = endpoint.CommunityId, Type = EventTypes.Test,
            Data = JsonSerializer.Serialize(new { endpointID = endpoint.Id }), OccurredAt = now, RecordedAt = now,
        };
        var delivery = new WebhookDelivery
        {
            Id = ObjectIds.New(time), CommunityId = endpoint.CommunityId, EndpointId = endpoint.Id, EventId = webhookEvent.Id,
            EventType = EventTypes.Test, IsTest = true, CreatedAt = now,
        };
        // Inserted, attempted and recorded in one transaction: no worker ever sees the test delivery pending.
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        db.Events.Add(webhookEvent);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        var result = await sender.SendAsync(endpoint, webhookEvent, cancellationToken);
        await attempts.RecordAsync(delivery, endpoint, result, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ApiResults.Success("Test webhook endpoint success.", delivery.ToDto());
    }

    public static async Task<IResult> ListDeliveries(string endpointId, HttpContext http, WebhooksDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await EndpointsApi.FindAsync(db, http, endpointId, tracked: false, cancellationToken);
        if (endpoint is null) return EndpointsApi.NotFound(http);
        return await List.ListAsync(http, db.Deliveries.AsNoTracking().Where(d => d.EndpointId == endpoint.Id && d.CommunityId == endpoint.CommunityId),
            "Read webhook deliveries success.", d => d.ToDto(), cancellationToken);
    }

    public static async Task<IResult> GetDelivery(string endpointId, string deliveryId, HttpContext http, WebhooksDbContext db,
        CancellationToken cancellationToken)
    {
        var delivery = await FindAsync(db, http, endpointId, deliveryId, cancellationToken);
        if (delivery is null) return NotFound(http);
        var webhookEvent = await db.Events.AsNoTracking().SingleAsync(e => e.Id == delivery.EventId, cancellationToken);
        return ApiResults.Success("Read webhook delivery success.", delivery.ToDto(webhookEvent));
    }

    public static async Task<IResult> Redeliver(string endpointId, string deliveryId, HttpContext http, WebhooksDbContext db, DeliveryPolicy policy,
        DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var endpoint = await EndpointsApi.FindAsync(db, http, endpointId, tracked: true, cancellationToken);
        if (endpoint is null || !ObjectIds.IsValid(deliveryId)) return NotFound(http);
        // Waits for an attempt under way, then sees its result.
        var delivery = (await db.Deliveries.FromSql($"SELECT * FROM webhook_deliveries WHERE id = {deliveryId} AND endpoint_id = {endpoint.Id} FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (delivery is null) return NotFound(http);
        if (delivery.State == DeliveryStates.Pending)
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "delivery_pending", "The delivery is still pending; it will be attempted on its schedule.");
        }

        if (!endpoint.IsEnabled)
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "endpoint_disabled", "The endpoint is disabled; enable it before redelivering.");
        }

        delivery.State = DeliveryStates.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = time.GetUtcNow() + policy.Schedule.WaitBefore(1, Random.Shared)!.Value;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Pulse();
        return ApiResults.Success("Redeliver webhook delivery success.", delivery.ToDto());
    }

    private static async Task<WebhookDelivery?> FindAsync(WebhooksDbContext db, HttpContext http, string endpointId, string deliveryId,
        CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsValid(endpointId) || !ObjectIds.IsValid(deliveryId)) return null;
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return await db.Deliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId && d.CommunityId == communityId, cancellationToken);
    }

    private static IResult NotFound(HttpContext http) => ApiErrors.NotFound(http, "The webhook delivery");
}
