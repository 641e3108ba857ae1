using System.Net;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.Testing;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class GatewayTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task Every_answer_to_a_valid_key_carries_rate_limit_headers_and_429_follows_the_limit()
    {
        var community = await Api.BootstrapCommunityAsync();

        var first = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", community.Token);
        Assert.Equal(StackFixture.RateLimitPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Header("X-RateLimit-Limit"));
        Assert.Equal((StackFixture.RateLimitPerWindow - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), first.Header("X-RateLimit-Remaining"));
        Assert.InRange(int.Parse(first.Header("X-RateLimit-Reset")!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        ApiResponse last = first;
        for (var i = 1; i <= StackFixture.RateLimitPerWindow && last.Status != HttpStatusCode.TooManyRequests; i++)
        {
            last = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", community.Token);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.Status);
        Assert.Equal("rate_limited", last.ErrorCode());
        Assert.Equal("0", last.Header("X-RateLimit-Remaining"));
        Assert.InRange(int.Parse(last.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        // Another key of the same community has its own window.
        var (_, other) = await Api.CreateKeyAsync((await Api.BootstrapCommunityAsync()).Token, ["store"]);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", other)).Status);
    }

    [Fact]
    public async Task Unknown_route_is_404_in_the_error_envelope()
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.SendAsync(HttpMethod.Get, "/apis/no-such-thing", community.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("route_not_found", response.ErrorCode());
    }

    [Fact]
    public async Task Unknown_route_without_a_valid_key_is_401_first()
    {
        var response = await Api.SendAsync(HttpMethod.Get, "/apis/no-such-thing", "rai_unknown");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_api_key", response.ErrorCode());
    }

    [Fact]
    public async Task A_sane_request_id_is_kept_and_an_insane_one_replaced()
    {
        var kept = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", token: null,
            headers: new Dictionary<string, string> { ["X-Request-Id"] = "partner-ticket:42" });
        Assert.Equal("partner-ticket:42", kept.Header("X-Request-Id"));
        Assert.Equal("partner-ticket:42", kept.Json.GetProperty("meta").GetProperty("requestId").GetString());

        var replaced = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", token: null,
            headers: new Dictionary<string, string> { ["X-Request-Id"] = "bad id with spaces" });
        Assert.NotEqual("bad id with spaces", replaced.Header("X-Request-Id"));
        Assert.Matches("^[A-Za-z0-9._:-]{1,128}$", replaced.Header("X-Request-Id"));
    }

    [Fact]
    public async Task The_callers_request_id_reaches_the_service_that_answers()
    {
        var community = await Api.BootstrapCommunityAsync();
        var ticket = new Dictionary<string, string> { ["X-Request-Id"] = "ticket-" + Guid.NewGuid().ToString("N") };

        var proxied = await Api.SendAsync(HttpMethod.Get, "/apis/products/ffffffffffffffffffffffff", community.Token, headers: ticket);
        var overTheBus = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
            PartnerApi.RawJson("""[{"name": "x", "price": 1, "categoryName": "Nope", "vouchers": []}]"""), ticket);

        Assert.Equal((HttpStatusCode.NotFound, ticket["X-Request-Id"]), (proxied.Status, proxied.Json.GetProperty("meta").GetProperty("requestId").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, ticket["X-Request-Id"]), (overTheBus.Status, overTheBus.Json.GetProperty("meta").GetProperty("requestId").GetString()));
        Assert.Equal(ticket["X-Request-Id"], proxied.Header("X-Request-Id"));
    }

    [Fact]
    public async Task A_proxied_answer_carries_exactly_one_request_id()
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", community.Token);

        Assert.Single(response.Headers.GetValues("X-Request-Id"));
    }

    [Fact]
    public async Task A_body_declared_over_10_MiB_is_413_without_being_read()
    {
        var community = await Api.BootstrapCommunityAsync();
        var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        // Expect: 100-continue lets the client hear the refusal before it sends the body, as curl does.
        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/api-keys", community.Token, content,
            new Dictionary<string, string> { ["Expect"] = "100-continue" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("body_too_large", response.ErrorCode());
    }

    [Fact]
    public async Task A_client_that_writes_a_body_declared_over_10_MiB_whole_before_reading_still_reads_the_413()
    {
        var community = await Api.BootstrapCommunityAsync();
        var gateway = Api.Http.BaseAddress!;
        var body = Encoding.ASCII.GetBytes(new string(' ', (10 * 1024 * 1024) + 1024));
        var head = Encoding.ASCII.GetBytes($"POST /apis/products/bulk HTTP/1.1\r\nHost: {gateway.Authority}\r\n" +
            $"Authorization: Bearer {community.Token}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");

        // The old answer was lost to a connection reset in about one run in four; twenty runs in a row catch that.
        for (var run = 0; run < 20; run++)
        {
            using var client = new TcpClient();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.ConnectAsync(gateway.Host, gateway.Port, limit.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(head, limit.Token);
            await stream.WriteAsync(body, limit.Token);

            var response = await ReadResponseAsync(stream, limit.Token);

            Assert.StartsWith("HTTP/1.1 413 ", response, StringComparison.Ordinal);
            Assert.Contains("\"code\":\"body_too_large\"", response, StringComparison.Ordinal);
        }
    }

    /// <summary>One HTTP/1.1 response, head and body (by its Content-Length or chunked to the last chunk), as text.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[16 * 1024];
        while (!IsComplete(received.ToString()))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0) break;
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return received.ToString();

        static bool IsComplete(string text)
        {
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) return false;
            var head = text[..end];
            var length = head.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            return length is not null
                ? text.Length - end - 4 >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
                : text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_service_reached_without_the_gateway_refuses_even_with_forged_identity_headers()
    {
        var community = await Api.BootstrapCommunityAsync();
        using var direct = stack.App.CreateHttpClient("community");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api-keys");
        request.Headers.Add("X-ReturningAi-Community-Id", community.CommunityId);
        request.Headers.Add("X-ReturningAi-Permissions", "api-keys");

        using var response = await direct.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("gateway_required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
