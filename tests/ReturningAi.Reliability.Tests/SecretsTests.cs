using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// No token and no key hash ever appears in a log line, a span, a metric or a response (other than the
/// one response that hands a new token out). Every service's telemetry is captured whole by the
/// stack's OTLP receiver and searched byte for byte.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SecretsTests(ReliabilityStack stack)
{
    [Fact]
    public async Task Tokens_and_key_hashes_appear_in_no_log_span_metric_or_later_response()
    {
        var api = stack.Api;
        var community = await api.BootstrapCommunityAsync();
        var (keyId, token) = await api.CreateKeyAsync(community.Token, ["store", "users"]);
        var neverValid = "rai_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        async Task<ApiResponse> Send(HttpMethod method, string path, string? bearer, object? body = null, HttpStatusCode? expected = null)
        {
            var response = await api.SendAsync(method, path, bearer, body);
            if (expected is { } status) Assert.Equal(status, response.Status);
            return response;
        }

        // Traffic that logs: successes, validation errors, failed authentication of every kind, a revocation.
        await Send(HttpMethod.Post, "/apis/categories", community.Token, new { name = "Cards" }, HttpStatusCode.Created);
        await Send(HttpMethod.Post, "/apis/products/bulk", token, new JsonArray(Product("Logged", "L-1", "L-2")), HttpStatusCode.Created);
        await Send(HttpMethod.Post, "/apis/products/bulk", token, new JsonArray(new JsonObject { ["name"] = "" }), HttpStatusCode.BadRequest);
        await Send(HttpMethod.Get, "/apis/products", neverValid, expected: HttpStatusCode.Unauthorized);
        await Send(HttpMethod.Post, "/apis/communities", neverValid, new { name = "x", url = "https://example.com" }, HttpStatusCode.Unauthorized);
        await Send(HttpMethod.Get, "/apis/products", stack.DemoApiKey, expected: HttpStatusCode.OK);
        await Send(HttpMethod.Put, $"/apis/api-keys/{keyId}", community.Token, new { permissions = new[] { "store" } }, HttpStatusCode.OK);
        await Send(HttpMethod.Delete, $"/apis/api-keys/{keyId}", community.Token, expected: HttpStatusCode.OK);
        await Eventually.Until(() => api.SendAsync(HttpMethod.Get, "/apis/products", token), r => r.Status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "the revoked key to be refused");

        var secrets = new[] { community.Token, token, neverValid, stack.DemoApiKey, stack.PlatformAdminToken, stack.InternalToken };
        var forbidden = secrets.SelectMany(Forms).ToList();

        // Responses after creation: the key as listed, read back, and the caller's own key.
        var later = new[]
        {
            await Send(HttpMethod.Get, "/apis/api-keys", community.Token, expected: HttpStatusCode.OK),
            await Send(HttpMethod.Get, "/apis/api-keys/current", community.Token, expected: HttpStatusCode.OK),
        };
        foreach (var response in later)
        {
            Assert.DoesNotContain(forbidden, form => response.Body.Contains(Encoding.UTF8.GetString(form), StringComparison.Ordinal));
        }

        // Telemetry leaves each service in batches every 200 ms. A last, traced request marks the point: once its
        // spans from the gateway and Community are in, both exporters have flushed past everything before it.
        var marker = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", community.Token,
            headers: new Dictionary<string, string> { ["traceparent"] = $"00-{marker}-{marker[..16]}-01" });
        await Eventually.Until(() => Task.FromResult(stack.Telemetry.Spans.Where(s => s.TraceId == marker).Select(s => s.Service).Distinct().Count()),
            services => services >= 2, TimeSpan.FromSeconds(20), "the marker request's spans from the gateway and Community");
        await stack.Telemetry.NextExportsAsync(count: 3, TimeSpan.FromSeconds(20)); // and the log batches of the same moment
        var exports = stack.Telemetry.Exports.ToList();
        Assert.True(exports.Sum(e => e.Length) > 10_000, "Hardly any telemetry arrived: the search below would prove nothing.");
        foreach (var export in exports)
        {
            foreach (var form in forbidden)
            {
                Assert.True(export.AsSpan().IndexOf(form) < 0, "A token or key hash appears in the services' telemetry.");
            }
        }
    }

    /// <summary>Every form in which a token or its hash could leak: as is, and its SHA-256 in hex, base64, base64url and raw.</summary>
    private static IEnumerable<byte[]> Forms(string secret)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var base64 = Convert.ToBase64String(hash);
        return new[]
        {
            secret, Convert.ToHexStringLower(hash), Convert.ToHexString(hash), base64.TrimEnd('='),
            base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        }.Select(Encoding.UTF8.GetBytes).Append(hash);
    }

    private static JsonObject Product(string name, params string[] vouchers) =>
        Catalogue.Product(name, "Cards", vouchers);
}
