using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport.Telemetry;
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

        // Each service exports in its own batches: wait until the whole tree has arrived, then say what is missing.
        var spans = new List<ReceivedSpan>();
        try
        {
            await Eventually.Until(() => Task.FromResult(stack.Telemetry.Spans.Where(s => s.TraceId == traceId).ToList()),
                found => (spans = found).Count > 0 && Problems(found, callerSpanId).Count == 0,
                TimeSpan.FromSeconds(20), "the request's whole trace to be exported");
        }
        catch (TimeoutException)
        {
            Assert.Fail(string.Join("\n", Problems(spans, callerSpanId)) + "\nspans:\n" + string.Join("\n", spans.Select(s => $"{s.Service} {s.Scope} {s.Name}")));
        }
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

    /// <summary>What the trace lacks to be one tree from the caller through gateway, broker and store to SQL.</summary>
    private static List<string> Problems(IReadOnlyList<ReceivedSpan> spans, string callerSpanId)
    {
        var problems = new List<string>();
        void Expect(bool condition, string what)
        {
            if (!condition) problems.Add(what);
        }

        // The gateway's server span continues the caller's trace; it sends the command, the store consumes it in the same trace.
        Expect(spans.Any(s => s.Service == "gateway" && s.Scope == "Microsoft.AspNetCore" && s.ParentSpanId == callerSpanId),
            "the gateway's server span under the caller's span");
        Expect(spans.Any(s => s.Service == "gateway" && s.Scope == "MassTransit" && s.Name.Contains("send", StringComparison.OrdinalIgnoreCase)),
            "the gateway's send of the command");
        Expect(spans.Any(s => s.Service == "store" && s.Scope == "MassTransit" && s.Name.Contains("CREATE_PRODUCTS", StringComparison.Ordinal)),
            "the store's consume of PRODUCT_EVENTS.CREATE_PRODUCTS");
        Expect(spans.Count(s => s.Service == "store" && s.Scope == "Npgsql") >= 2, "the store's SQL");
        // Every span hangs off another span of the trace, or off the caller: one tree, no orphans.
        var ids = spans.Select(s => s.SpanId).Append(callerSpanId).ToHashSet();
        problems.AddRange(spans.Where(s => !ids.Contains(s.ParentSpanId)).Select(s => $"a parent for {s.Service} {s.Name}"));
        return problems;
    }

    private static bool Contains(byte[] export, string text) =>
        export.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
