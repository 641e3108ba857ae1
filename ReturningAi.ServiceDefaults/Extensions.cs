using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.ServiceDefaults;

/// <summary>What every ReturningAi service shares: telemetry, health, service discovery, resilience.</summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        NameKey.EnsureNormalizationWorks();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddApiDocument();

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new UtcMillisecondsDateTimeOffsetConverter());
            // Numbers are numbers: the web default also reads them from strings, which the API document then shows as number-or-string.
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>
    /// The longest span attribute exported, in characters, unless configuration sets <see cref="SpanAttributeLengthLimitKey"/>
    /// or <see cref="AttributeLengthLimitKey"/>. Npgsql puts each command's text on its span, and an EF Core batch of 100
    /// product inserts is ~60 KB: the exporter, DCP's proxy and the dashboard then carried ~80 KB of text per bulk create
    /// (bench/README, session 17). 4,096 keeps any single statement of this code whole; an exception's stack trace recorded
    /// on a span is cut there too (logs keep it whole).
    /// </summary>
    public const int SpanAttributeLengthLimit = 4096;

    /// <summary>The OpenTelemetry SDK's settings (read from configuration by the OTLP exporter): for spans, and for every signal.</summary>
    public const string SpanAttributeLengthLimitKey = "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT";

    public const string AttributeLengthLimitKey = "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The span key wins over the general one in the SDK, so the default is set only when neither is.
        if (builder.Configuration[SpanAttributeLengthLimitKey] is null && builder.Configuration[AttributeLengthLimitKey] is null)
        {
            builder.Configuration[SpanAttributeLengthLimitKey] = SpanAttributeLengthLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter("ReturningAi.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                // The outbox dispatcher's publishes, each a child of the request that wrote its event.
                .AddSource("ReturningAi.Messaging")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes would drown the partner requests in the dashboard.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Readiness includes every check (database, broker); liveness only the process itself.
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }
}
