using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// Steady bulk creates from one partner at a fixed pace, each with its own <c>Idempotency-Key</c>,
/// recording every answer; afterwards every request whose outcome is unknown (502) can be retried with
/// its key, as partners are told to, so the database can be compared with what the answers promised.
/// </summary>
public sealed class BulkTraffic(PartnerApi api, string token, string prefix)
{
    private readonly List<Sent> _sent = [];

    public IReadOnlyList<Sent> Sent
    {
        get
        {
            lock (_sent) return [.. _sent];
        }
    }

    public async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        var inFlight = new List<Task>();
        var n = 0;
        while (!stop.IsCancellationRequested && await Wait(timer, stop))
        {
            inFlight.Add(SendOneAsync(n++));
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>Sends again, with the same key and body, every request that got no definite answer.</summary>
    public async Task<IReadOnlyList<ApiResponse>> RetryUnknownAsync()
    {
        var retries = new List<ApiResponse>();
        foreach (var unknown in Sent.Where(s => s.Status == HttpStatusCode.BadGateway))
        {
            retries.Add(await SendAsync(unknown.Key, unknown.Body));
        }

        return retries;
    }

    private async Task SendOneAsync(int n)
    {
        var key = $"{prefix}-{n}";
        var body = new JsonArray(Catalogue.Product($"{prefix} {n}", vouchers: [$"{prefix}-{n}-A", $"{prefix}-{n}-B"])).ToJsonString();
        var watch = Stopwatch.StartNew();
        var response = await SendAsync(key, body);
        lock (_sent) _sent.Add(new Sent(key, body, response.Status, watch.Elapsed, DateTime.UtcNow, response.Body));
    }

    private Task<ApiResponse> SendAsync(string key, string body) =>
        api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", token, PartnerApi.RawJson(body),
            new Dictionary<string, string> { ["Idempotency-Key"] = key });

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

public sealed record Sent(string Key, string Body, HttpStatusCode Status, TimeSpan Took, DateTime AnsweredAt, string Answer);
