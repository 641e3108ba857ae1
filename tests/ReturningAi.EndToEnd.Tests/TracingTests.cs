using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ReturningAi.EndToEnd.Tests.Telemetry;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>One trace per partner request, across the gateway, the broker, the store and its SQL.</summary>
[Collection(StackCollection.Name)]
public sealed class TracingTests(StackFixture stack)
{
    [Fact]
    public async Task A_bulk_create_is_one_trace_from_the_gateway_through_the_broker_to_the_stores_sql()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(stack.Api);
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var callerSpanId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

        var response = await stack.Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
            PartnerApi.RawJson(new JsonArray(Catalogue.Product("Traced", "Premium Rewards", "T-1", "T-2")).ToJsonString()),
            new Dictionary<string, string> { ["traceparent"] = $"00-{traceId}-{callerSpanId}-01" });
        Assert.Equal(HttpStatusCode.Created, response.Status);

        var spans = await Eventually.Until(
            () => Task.FromResult(stack.Telemetry.Spans.Where(s => s.TraceId == traceId).ToList()),
            found => found.Any(s => s.Service == "store" && s.Scope == "Npgsql") && found.Any(s => s.Service == "gateway" && s.ParentSpanId == callerSpanId),
            TimeSpan.FromSeconds(20), "the request's spans to be exported");

        var described = string.Join("\n", spans.Select(s => $"{s.Service} {s.Scope} {s.Name}"));
        // The gateway's server span continues the caller's trace; it sends the command, the store consumes it in the same trace.
        Assert.Contains(spans, s => s.Service == "gateway" && s.Scope == "Microsoft.AspNetCore" && s.ParentSpanId == callerSpanId);
        Assert.True(spans.Any(s => s.Service == "gateway" && s.Scope == "MassTransit" && s.Name.Contains("send", StringComparison.OrdinalIgnoreCase)), described);
        Assert.True(spans.Any(s => s.Service == "store" && s.Scope == "MassTransit" && s.Name.Contains("CREATE_PRODUCTS", StringComparison.Ordinal)), described);
        Assert.True(spans.Count(s => s.Service == "store" && s.Scope == "Npgsql") >= 2, described);
        // Every span of the trace hangs off another span of it, or off the caller: one tree, no orphans.
        var ids = spans.Select(s => s.SpanId).Append(callerSpanId).ToHashSet();
        Assert.All(spans, s => Assert.Contains(s.ParentSpanId, ids));
    }

    [Fact]
    public async Task The_store_exports_meters_for_bulk_sizes_and_voucher_counts()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(stack.Api);
        var response = await stack.Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
            PartnerApi.RawJson(new JsonArray(Catalogue.Product("Metered", "Premium Rewards", "M-1")).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.Status);

        foreach (var instrument in new[] { "returningai.store.bulk.products", "returningai.store.vouchers.created", "returningai.gateway.bulk.requests" })
        {
            await Eventually.Until(() => Task.FromResult(stack.Telemetry.Exports.Any(e => Contains(e, instrument))), found => found,
                TimeSpan.FromSeconds(20), $"the meter {instrument} to be exported");
        }
    }

    private static bool Contains(byte[] export, string text) =>
        export.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
