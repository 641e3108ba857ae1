using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReturningAi.TestSupport;

/// <summary>
/// A partner's webhook receiver on 127.0.0.1: records every request (raw body, headers) by path and answers as the
/// test scripted it for that path (a 2xx by default, or 500, 410, a redirect, a hang, a dropped connection…). It also
/// notes when two requests with one <c>webhook-id</c> to one path were ever in flight at once.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceiverAnswer>> _scripts = new();
    private readonly ConcurrentDictionary<string, ReceiverAnswer> _defaults = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private int _overlaps;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>Times a request arrived while another with the same path and <c>webhook-id</c> was still being answered.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    /// <summary>A fresh path of this receiver (each test its own).</summary>
    public static string NewPath() => "/hooks/" + Guid.NewGuid().ToString("N");

    public string Url(string path) => BaseUrl + path;

    /// <summary>The next requests to <paramref name="path"/> get these answers, in order; later ones the default.</summary>
    public void Script(string path, params ReceiverAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd(path, _ => new ConcurrentQueue<ReceiverAnswer>());
        foreach (var answer in answers) queue.Enqueue(answer);
    }

    /// <summary>Every request to <paramref name="path"/> past the script gets this answer (200 unless set).</summary>
    public void Answer(string path, ReceiverAnswer answer) => _defaults[path] = answer;

    public IReadOnlyList<ReceivedRequest> Received(string path) => [.. _received.Where(r => r.Path == path)];

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var path = context.Request.Path.Value ?? "";
        var request = new ReceivedRequest(path, DateTimeOffset.UtcNow,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body.ToArray());
        var key = path + " " + request.WebhookId;
        if (_inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref _overlaps);
        try
        {
            _received.Enqueue(request);
            var answer = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var next)
                ? next
                : _defaults.GetValueOrDefault(path, ReceiverAnswer.Ok);
            if (answer.Close)
            {
                context.Abort();
                return;
            }

            if (answer.Hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay, context.RequestAborted);
            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is not null) context.Response.Headers.RetryAfter = answer.RetryAfter;
            if (answer.Location is not null) context.Response.Headers.Location = answer.Location;
        }
        finally
        {
            _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
