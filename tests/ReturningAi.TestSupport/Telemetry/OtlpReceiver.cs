using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReturningAi.TestSupport.Telemetry;

/// <summary>
/// An OTLP/HTTP (protobuf) collector on 127.0.0.1 for the code under test: the stack's services export
/// their traces, logs and metrics here instead of to the dashboard (and ServiceDefaults' tests their exporter's). Spans are decoded for the trace
/// tests and log records for the reports of failed tests; every export body is kept whole so the
/// secrets tests can search all telemetry at once.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();
    private readonly ConcurrentQueue<byte[]> _exports = new();
    private WebApplication? _app;

    public string Endpoint { get; private set; } = "";

    public IEnumerable<ReceivedSpan> Spans => _spans;

    public IEnumerable<ReceivedLog> Logs => _logs;

    /// <summary>Every export body received so far (traces, logs, metrics), undecoded.</summary>
    public IEnumerable<byte[]> Exports => _exports;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            _exports.Enqueue(bytes);
            if (signal == "traces")
            {
                foreach (var span in OtlpTraces.Decode(bytes)) _spans.Enqueue(span);
            }
            else if (signal == "logs")
            {
                foreach (var log in OtlpLogs.Decode(bytes, DateTime.UtcNow)) _logs.Enqueue(log);
            }

            // An empty Export*ServiceResponse: everything was accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await _app.StartAsync();
        Endpoint = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
    }

    /// <summary>
    /// What the services logged since <paramref name="since"/> that explains a failure: warnings and errors,
    /// and MassTransit's own lines (its connection and endpoint restarts are Information); the newest
    /// <paramref name="limit"/> of them.
    /// </summary>
    public IReadOnlyList<ReceivedLog> Trouble(DateTime since, int limit = 200) =>
        [.. _logs.Where(log => log.ReceivedAt >= since && (log.IsWarningOrWorse || IsMassTransitLifeCycle(log))).TakeLast(limit)];

    // MassTransit's Debug lines, less the one per message sent or received.
    private static bool IsMassTransitLifeCycle(ReceivedLog log) =>
        log.Category.StartsWith("MassTransit", StringComparison.Ordinal)
        && !log.Body.StartsWith("SEND ", StringComparison.Ordinal) && !log.Body.StartsWith("RECEIVE ", StringComparison.Ordinal)
        && !log.Body.StartsWith("PUBLISH ", StringComparison.Ordinal);

    /// <summary>Waits until <paramref name="count"/> more exports (of any signal, from any service) have arrived.</summary>
    public async Task NextExportsAsync(int count, TimeSpan limit)
    {
        var target = _exports.Count + count;
        var deadline = DateTime.UtcNow + limit;
        while (_exports.Count < target)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Fewer than {count} telemetry exports arrived within {limit.TotalSeconds:0} s.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
