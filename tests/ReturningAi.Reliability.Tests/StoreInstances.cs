using System.Net;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// Recovery is whole only when every store instance consumes commands again, not just one of them: after a
/// broker restart MassTransit reconnects each receive endpoint with a growing back-off, so one instance may
/// lag the other by a minute or more. Tests that restart the broker wait for this before they end.
/// </summary>
internal static class StoreInstances
{
    /// <param name="token">A key of a community that has the category "Premium Rewards".</param>
    public static Task<IReadOnlyList<string>> WaitUntilAllConsumeAsync(ReliabilityStack stack, string token, TimeSpan limit) =>
        Eventually.Until(() => ConsumingAsync(stack, token), instances => instances.Count == ReliabilityStack.StoreInstanceCount, limit,
            "every store instance to consume commands");

    /// <summary>Which store instances carry out six commands sent one after another (RabbitMQ hands them out in turn); none while the gateway cannot send.</summary>
    private static async Task<IReadOnlyList<string>> ConsumingAsync(ReliabilityStack stack, string token)
    {
        var traces = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            traces.Add(traceId);
            var response = await stack.Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", token,
                PartnerApi.RawJson(new JsonArray(Catalogue.Product("Which instance " + i)).ToJsonString()),
                new Dictionary<string, string> { ["traceparent"] = $"00-{traceId}-{traceId[..16]}-01" });
            // A 502 while the gateway's own bus reconnects: not yet.
            if (response.Status == HttpStatusCode.BadGateway) return [];
            Assert.Equal(HttpStatusCode.Created, response.Status);
        }

        // Every command's consume span is exported within a second or so; wait for all of them.
        var spans = await Eventually.Until(
            () => Task.FromResult(stack.Telemetry.Spans
                .Where(s => s.Service == "store" && s.Scope == "MassTransit" && traces.Contains(s.TraceId) && s.Name.Contains("process", StringComparison.Ordinal))
                .ToList()),
            found => found.Select(s => s.TraceId).Distinct().Count() == traces.Count, TimeSpan.FromSeconds(20), "the store's spans of the commands");
        return [.. spans.Select(s => s.Instance).Distinct().Order()];
    }
}
