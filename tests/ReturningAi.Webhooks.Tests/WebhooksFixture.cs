using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.Contracts.Events;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;

namespace ReturningAi.Webhooks.Tests;

/// <summary>One Webhooks instance and one receiver for the collection; each test makes its own communities and receiver paths.</summary>
public sealed class WebhooksFixture : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public WebhooksFactory Factory { get; } = new();

    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await WaitHealthyAsync(Factory);
    }

    public static async Task WaitHealthyAsync(WebhooksFactory factory)
    {
        var client = factory.CreateClient();
        await Eventually.Until(() => client.GetAsync(new Uri("/health", UriKind.Relative)), r => r.IsSuccessStatusCode, Patience,
            "the webhooks service to connect to PostgreSQL and RabbitMQ");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    public static string NewCommunity() => ObjectIds.New();

    /// <summary>An endpoint of the community at a fresh path of the receiver; its id, secret and path.</summary>
    public async Task<(string Id, string Secret, string Path)> CreateEndpointAsync(string communityId, string[]? events = null, object? encryption = null,
        WebhooksFactory? factory = null, string[]? channelIds = null)
    {
        var path = WebhookReceiver.NewPath();
        var (status, json) = await (factory ?? Factory).SendAsync(HttpMethod.Post, "/webhooks/endpoints", communityId,
            new { url = Receiver.Url(path), events = events ?? ["*"], encryption, channelIDs = channelIds });
        Assert.True(status == 201, json.ToString());
        var data = json.GetProperty("data");
        return (data.GetProperty("_id").GetString()!, data.GetProperty("secret").GetString()!, path);
    }

    /// <summary>When the events <see cref="PublishAsync"/> publishes were written, as the outbox's header says.</summary>
    public static readonly DateTimeOffset WrittenAt = DateTimeOffset.Parse("2026-11-30T12:34:56.789Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Publishes PRODUCT_EVENTS.PRODUCTS_CREATED as the store's outbox would, with this message id and its written-at header.</summary>
    public Task PublishProductsCreatedAsync(string communityId, Guid? messageId = null, WebhooksFactory? factory = null) =>
        PublishAsync(new ProductsCreated(communityId, [ObjectIds.New()], 2, "req-1")
        {
            Products = [new CreatedProduct(ObjectIds.New(), "Amazon Gift Card", "Gift cards")],
        }, messageId, factory);

    /// <summary>Publishes an owner's bus event as its outbox would, with this message id and its written-at header.</summary>
    public async Task PublishAsync(object message, Guid? messageId = null, WebhooksFactory? factory = null)
    {
        var id = messageId ?? NewId.NextGuid();
        await (factory ?? Factory).Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context =>
        {
            context.MessageId = id;
            context.Headers.Set(OutboxDispatcher.WrittenAtHeader, WrittenAt.ToUnixTimeMilliseconds());
        });
    }

    public async Task<JsonElement> DeliveriesAsync(string communityId, string endpointId, WebhooksFactory? factory = null)
    {
        var (status, json) = await (factory ?? Factory).SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}/deliveries?limit=100", communityId);
        Assert.Equal(200, status);
        return json.GetProperty("data");
    }

    /// <summary>Waits until the endpoint has <paramref name="count"/> deliveries, none of them pending; returns them.</summary>
    public Task<JsonElement> SettledDeliveriesAsync(string communityId, string endpointId, int count = 1, WebhooksFactory? factory = null) =>
        Eventually.Until(() => DeliveriesAsync(communityId, endpointId, factory),
            d => d.GetArrayLength() == count && d.EnumerateArray().All(x => x.GetProperty("state").GetString() != "pending"),
            Patience, $"{count} deliveries of {endpointId} to settle");
}

[CollectionDefinition(Name)]
public sealed class WebhooksCollection : ICollectionFixture<WebhooksFixture>
{
    public const string Name = "webhooks";
}
