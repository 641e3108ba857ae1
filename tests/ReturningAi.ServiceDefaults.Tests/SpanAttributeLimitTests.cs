using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using ReturningAi.TestSupport.Telemetry;

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
    /// One span with <see cref="LongText"/> exported over OTLP/HTTP to the tests' receiver, from a host that reads no environment
    /// (this machine's own OTEL_* settings stay out): the export that holds it, as Latin-1 text.
    /// </summary>
    private static async Task<string> ExportedTracesAsync((string Key, int Value)? limit)
    {
        await using var receiver = new OtlpReceiver();
        await receiver.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "span-limit-test" });
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        if (limit is { } set) builder.Configuration[set.Key] = set.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.ConfigureOpenTelemetry();
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

        return receiver.Exports.Select(Encoding.Latin1.GetString).Single(export => export.Contains("kept:", StringComparison.Ordinal));
    }
}
