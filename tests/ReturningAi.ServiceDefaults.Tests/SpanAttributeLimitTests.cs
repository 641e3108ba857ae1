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
/// kilobytes): cut to <see cref="Extensions.SpanAttributeLengthLimit"/> characters, unless the environment sets the limit.
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

    [Fact]
    public async Task A_limit_the_environment_sets_is_the_one_kept()
    {
        var exported = await ExportedTracesAsync(limit: 100);

        Assert.Contains("kept:" + new string('a', 95), exported, StringComparison.Ordinal);
        Assert.DoesNotContain("kept:" + new string('a', 96), exported, StringComparison.Ordinal);
    }

    /// <summary>One span with <see cref="LongText"/> exported over OTLP/HTTP to a local receiver: the body of its traces request, as Latin-1 text.</summary>
    private static async Task<string> ExportedTracesAsync(int? limit)
    {
        var port = FreePort();
        using var receiver = new HttpListener { Prefixes = { $"http://127.0.0.1:{port}/" } };
        receiver.Start();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}";
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        if (limit is { } set) builder.Configuration[Extensions.SpanAttributeLengthLimitKey] = set.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.ConfigureOpenTelemetry();
        using var host = builder.Build();
        await host.StartAsync();

        using (var source = new ActivitySource(builder.Environment.ApplicationName))
        using (var activity = source.StartActivity("statement"))
        {
            Assert.NotNull(activity);
            activity.SetTag("db.query.text", LongText);
        }

        var flushing = Task.Run(() => host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            // Logs and metrics may arrive too: every request is answered, the traces one kept.
            while (true)
            {
                var context = await receiver.GetContextAsync().WaitAsync(timeout.Token);
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body, timeout.Token);
                context.Response.StatusCode = (int)HttpStatusCode.OK;
                context.Response.Close();
                var text = Encoding.Latin1.GetString(body.ToArray());
                if (context.Request.Url!.AbsolutePath == "/v1/traces" && text.Contains("kept:", StringComparison.Ordinal)) return text;
            }
        }
        finally
        {
            await flushing;
            await host.StopAsync();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
