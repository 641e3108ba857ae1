using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace ReturningAi.ServiceDefaults.Tests;

/// <summary>
/// What a service's OTLP exporter sends of a long span attribute (Npgsql's statement text of an EF Core batch is tens of
/// kilobytes): cut to <see cref="Extensions.SpanAttributeLengthLimit"/> characters, unless configuration sets a limit.
/// </summary>
public sealed class SpanAttributeLimitTests
{
    private static readonly string LongText = "kept:" + new string('a', 10_000) + ":cut";

    [Fact]
    public async Task A_span_attribute_longer_than_the_limit_is_exported_cut_to_it()
    {
        var exported = await ExportedTracesAsync(limit: null);

        Assert.Contains("kept:" + new string('a', Extensions.SpanAttributeLengthLimit - "kept:".Length), exported, StringComparison.Ordinal);
        Assert.DoesNotContain("kept:" + new string('a', Extensions.SpanAttributeLengthLimit - "kept:".Length + 1), exported, StringComparison.Ordinal);
        Assert.DoesNotContain(":cut", exported, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Extensions.SpanAttributeLengthLimitKey)]
    [InlineData(Extensions.AttributeLengthLimitKey)]
    public async Task A_limit_configuration_sets_is_the_one_kept(string key)
    {
        var exported = await ExportedTracesAsync((key, 100));

        Assert.Contains("kept:" + new string('a', 95), exported, StringComparison.Ordinal);
        Assert.DoesNotContain("kept:" + new string('a', 96), exported, StringComparison.Ordinal);
    }

    /// <summary>
    /// One span with <see cref="LongText"/> exported over OTLP/HTTP to a local receiver, from a host that reads no environment
    /// (this machine's own OTEL_* settings stay out): the body of its traces request, as Latin-1 text.
    /// </summary>
    private static async Task<string> ExportedTracesAsync((string Key, int Value)? limit)
    {
        using var receiver = StartReceiver(out var port);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "span-limit-test" });
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}";
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        if (limit is { } set) builder.Configuration[set.Key] = set.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.ConfigureOpenTelemetry();
        var traces = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopAnswering = new CancellationTokenSource();
        // Every export is answered until the host is gone (logs and metrics flush on its way out); the traces one is kept.
        var answering = Task.Run(async () =>
        {
            while (!stopAnswering.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await receiver.GetContextAsync().WaitAsync(stopAnswering.Token); }
                catch (OperationCanceledException) { return; }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                context.Response.StatusCode = (int)HttpStatusCode.OK;
                context.Response.Close();
                var text = Encoding.Latin1.GetString(body.ToArray());
                if (context.Request.Url!.AbsolutePath == "/v1/traces" && text.Contains("kept:", StringComparison.Ordinal)) traces.TrySetResult(text);
            }
        });

        try
        {
            using (var host = builder.Build())
            {
                await host.StartAsync();
                using (var source = new ActivitySource(builder.Environment.ApplicationName))
                using (var activity = source.StartActivity("statement"))
                {
                    Assert.NotNull(activity);
                    activity.SetTag("db.query.text", LongText);
                }

                Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), "The span was not exported.");
                await host.StopAsync();
            }

            return await traces.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await stopAnswering.CancelAsync();
            await answering;
        }
    }

    /// <summary>An HTTP listener on a free loopback port (tried again should another process take the port first).</summary>
    private static HttpListener StartReceiver(out int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            port = FreePort();
            var receiver = new HttpListener { Prefixes = { $"http://127.0.0.1:{port}/" } };
            try
            {
                receiver.Start();
                return receiver;
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                receiver.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
