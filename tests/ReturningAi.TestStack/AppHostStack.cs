using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ReturningAi.TestSupport.Telemetry;
using ReturningAi.TestSupport;

namespace ReturningAi.TestStack;

/// <summary>
/// The whole AppHost, started against the real servers that eng/infra.sh runs, with a known platform
/// admin token, a demo key, and every service exporting its telemetry to <see cref="Telemetry"/>.
/// </summary>
public abstract class AppHostStack : IAsyncLifetime
{
    // Generous: on a loaded 2-core machine, starting three services and their migrations has taken over 3 minutes.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    public string PlatformAdminToken { get; } = "e2e-admin-" + Guid.NewGuid().ToString("N");

    public string DemoApiKey { get; } = "e2e-demo-" + Guid.NewGuid().ToString("N");

    /// <summary>The gateway's token towards the services (set here so that tests can look for it where it must not be).</summary>
    public string InternalToken { get; } = "e2e-internal-" + Guid.NewGuid().ToString("N");

    public DistributedApplication App { get; private set; } = null!;

    public PartnerApi Api { get; private set; } = null!;

    /// <summary>Where every service of the stack exports its traces, logs and metrics.</summary>
    public OtlpReceiver Telemetry { get; } = new();

    /// <summary>Requests per key per window at the gateway.</summary>
    protected abstract int RateLimit { get; }

    /// <summary>How long the gateway waits for the store's answer to a bulk command.</summary>
    protected abstract int StoreDeadlineSeconds { get; }

    /// <summary>Store processes consuming the command queue side by side.</summary>
    protected virtual int StoreReplicas => 1;

    /// <summary>The Webhooks service's waits before each attempt: the contract's eight attempts, in seconds rather than hours.</summary>
    public const string WebhookRetrySchedule = "0s,1s,1s,1s,1s,1s,1s,1s";

    /// <summary>MassTransit's log level in every service (its connection and endpoint life cycle is Debug).</summary>
    protected virtual string MassTransitLogLevel => "Information";

    public virtual async Task InitializeAsync()
    {
        TestServers.EnsureReachable();
        TestServers.EnsureRedisReachable();
        await Telemetry.StartAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ReturningAi_AppHost>(
            [
                "--Infrastructure:Mode=local",
                $"--Infrastructure:PostgresPort={TestServers.PostgresPort}",
                $"--Infrastructure:RabbitMqPort={TestServers.RabbitMqPort}",
                $"--Infrastructure:RedisPort={TestServers.RedisPort}",
                $"--Parameters:platform-admin-token={PlatformAdminToken}",
                $"--Parameters:postgres-password={TestServers.PostgresPassword}",
                $"--Parameters:demo-api-key={DemoApiKey}",
                $"--Parameters:internal-token={InternalToken}",
                $"--Store:Replicas={StoreReplicas.ToString(CultureInfo.InvariantCulture)}",
                // As the README's run command sets them for a local receiver: the AppHost passes them to the Webhooks service.
                "--Webhooks:AllowHttp=true",
                "--Webhooks:AllowedNetworks:0=127.0.0.0/8",
                $"--Webhooks:RetrySchedule={WebhookRetrySchedule}",
            ],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);

        builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("RateLimiting__PermitsPerWindow", RateLimit.ToString(CultureInfo.InvariantCulture))
            // As deployed behind its ingress (deploy/infra): the client's address is the last X-Forwarded-For entry,
            // so a test can stand for a client at an address of its own (failed authentications count per address).
            .WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true")
            .WithEnvironment("Bulk__StoreDeadlineSeconds", StoreDeadlineSeconds.ToString(CultureInfo.InvariantCulture));
        foreach (var service in new[] { "community", "store", "webhooks", "jobs", "gateway" })
        {
            builder.CreateResourceBuilder<ProjectResource>(service)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                // Export within a fraction of a second, so the tests need not wait long for telemetry.
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "200")
                .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "1000")
                .WithEnvironment("Logging__LogLevel__MassTransit", MassTransitLogLevel);
        }

        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("community", timeout.Token);
        await WaitForEveryReplicaHealthyAsync("store", StoreReplicas, timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("webhooks", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);

        Api = new PartnerApi(App.CreateHttpClient("gateway"), PlatformAdminToken);
    }

    /// <summary>
    /// Waits until <paramref name="replicas"/> instances of the resource are running and healthy: waiting
    /// for the resource's name alone returns with the first, and a replica that stopped while starting
    /// would go unnoticed until a test wondered why it never consumed.
    /// </summary>
    private async Task WaitForEveryReplicaHealthyAsync(string resourceName, int replicas, CancellationToken cancellationToken)
    {
        var healthy = new HashSet<string>();
        var states = new Dictionary<string, string?>();
        try
        {
            await foreach (var resource in App.ResourceNotifications.WatchAsync(cancellationToken))
            {
                if (resource.Resource.Name != resourceName) continue;
                var state = resource.Snapshot.State?.Text;
                states[resource.ResourceId] = state;
                Assert.False(KnownResourceStates.TerminalStates.Contains(state),
                    $"{resource.ResourceId} stopped while the stack started ({state}, exit code {resource.Snapshot.ExitCode}).");
                if (state == KnownResourceStates.Running && resource.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                {
                    healthy.Add(resource.ResourceId);
                }

                if (healthy.Count == replicas) return;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Not every {resourceName} instance became healthy: {string.Join(", ", states.Select(s => $"{s.Key} {s.Value}"))}.");
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await Telemetry.DisposeAsync();
    }
}
