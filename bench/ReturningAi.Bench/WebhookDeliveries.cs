using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReturningAi.TestSupport;

namespace ReturningAi.Bench;

/// <summary>
/// Scenario h (P13): after 300 purchases delivered as a warm-up, 1,000 purchases by 16 clients, each one's <c>store.item_purchased</c> delivered by the Webhooks
/// service to a receiver in this process (Kestrel on 127.0.0.1; the stack runs with <c>Webhooks__AllowHttp=true</c>
/// and <c>Webhooks__AllowedNetworks__0=127.0.0.0/8</c>). Each delivery's delay runs from the store's commit (the
/// event's <c>createdAt</c>: the outbox's written-at time, PostgreSQL's clock on this machine) to its receipt. The
/// floor, in the same run, is the same events' arrival on the bus (a queue of the bench's own, as scenario e).
/// </summary>
internal sealed class WebhookDeliveries : IAsyncDisposable
{
    private const int Events = 1_000;
    private const int WarmUpEvents = 300;
    private static readonly string[] PurchaseEvents = ["store.item_purchased"];
    private readonly ConcurrentDictionary<string, (long CreatedAt, long ReceivedAt)> _received = new();
    private readonly WebApplication _receiver;

    private WebhookDeliveries(WebApplication receiver) => _receiver = receiver;

    public static async Task RunAsync(HttpClient http, string communityId, Shop shop, Action<string> report)
    {
        await using var deliveries = await StartAsync(communityId);
        using var created = await http.PostAsJsonAsync(new Uri("/apis/webhooks/endpoints", UriKind.Relative),
            new { url = new Uri(new Uri(deliveries._receiver.Urls.First()), "/hook"), events = PurchaseEvents, description = "bench" });
        var body = await created.Content.ReadAsStringAsync();
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"The endpoint answered {(int)created.StatusCode}: {body}");
        var endpoint = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("_id").GetString()!;
        try
        {
            // Warmed end to end at the measured load first: otherwise the Webhooks service's first deliveries run while its
            // path is still being compiled (tiered JIT, as p11d found for g), and the backlog they leave is the measured tail.
            var warmUp = await shop.ProductAsync(WarmUpEvents);
            await Load.TimedThroughputAsync(16, TimeSpan.FromMinutes(5), WarmUpEvents, () => shop.BuyAsync(warmUp));
            await Eventually.Until(() => Task.FromResult(deliveries._received.Count), n => n >= WarmUpEvents, TimeSpan.FromMinutes(3),
                $"{WarmUpEvents} warm-up deliveries");
            deliveries._received.Clear();

            await using var bus = await EventDelays.ListenAsync("STORE_EVENTS.ITEM_PURCHASED", communityId);
            var product = await shop.ProductAsync(Events);
            var cpu = CpuTime.Snapshot();
            var (purchaseRate, _) = await Load.TimedThroughputAsync(16, TimeSpan.FromMinutes(10), Events, () => shop.BuyAsync(product));
            await Eventually.Until(() => Task.FromResult(deliveries._received.Count), n => n >= Events, TimeSpan.FromMinutes(3), $"{Events} deliveries");
            var perEvent = CpuTime.PerRequest(cpu, CpuTime.Snapshot(), Events);
            var busDelays = await bus.WaitForAsync(Events, TimeSpan.FromMinutes(1));

            var times = deliveries._received.Values.ToArray();
            var delays = times.Select(t => (double)(t.ReceivedAt - t.CreatedAt)).Order().ToArray();
            var span = (times.Max(t => t.ReceivedAt) - times.Min(t => t.CreatedAt)) / 1000.0;
            report($"h. webhooks, {Events:N0} purchases by 16 clients ({purchaseRate:0} purchases/s), store.item_purchased to a local receiver: "
                   + $"{Events / span:0} deliveries/s (first commit to last receipt {span:0.0} s); commit to receipt p50 {Load.Percentile(delays, 50):0} ms, "
                   + $"p99 {Load.Percentile(delays, 99):0} ms, max {delays[^1]:0} ms (target p99 <= 1,000 ms); "
                   + $"floor, commit to the bus: p50 {Load.Percentile(busDelays, 50):0} ms, p99 {Load.Percentile(busDelays, 99):0} ms");
            report($"h. CPU ms per event, purchase to delivery: {CpuTime.Figures([perEvent])}");
        }
        finally
        {
            using var deleted = await http.DeleteAsync(new Uri($"/apis/webhooks/endpoints/{endpoint}", UriKind.Relative));
        }
    }

    private static async Task<WebhookDeliveries> StartAsync(string communityId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var deliveries = new WebhookDeliveries(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var receivedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var body = await JsonDocument.ParseAsync(request.Body);
            var root = body.RootElement;
            if (root.GetProperty("type").GetString() == "store.item_purchased" && root.GetProperty("communityID").GetString() == communityId)
            {
                // At least once: a second delivery of an event keeps the first receipt.
                deliveries._received.TryAdd(root.GetProperty("id").GetString()!,
                    (root.GetProperty("createdAt").GetDateTimeOffset().ToUnixTimeMilliseconds(), receivedAt));
            }

            return Results.NoContent();
        });
        await app.StartAsync();
        return deliveries;
    }

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
