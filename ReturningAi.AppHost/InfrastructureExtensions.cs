using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReturningAi.AppHost;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis, three ways, chosen by <c>Infrastructure:Mode</c> (auto, containers, local):
/// containers where a container engine answers (the standard Aspire way); otherwise the OS packages'
/// servers run by eng/infra.sh as executable resources, on the dashboard and stopped with the AppHost;
/// or, when servers already answer on the configured ports (eng/infra.sh start, as in CI), those.
/// </summary>
internal static class InfrastructureExtensions
{
    public static Infrastructure AddInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration["Infrastructure:Mode"] ?? "auto";
        // Publishing describes a deployment, where the servers are containers (or Azure's own services).
        var useContainers = builder.ExecutionContext.IsPublishMode || mode switch
        {
            "containers" => true,
            "local" => false,
            _ => ContainerEngineAnswers(),
        };
        return useContainers ? builder.AddContainerInfrastructure() : builder.AddLocalInfrastructure();
    }

    private static Infrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        // As eng/infra.sh's server: the default 128 MB of shared buffers holds less than one large community's users.
        var postgres = builder.AddPostgres("postgres").WithDataVolume().WithArgs("-c", "shared_buffers=512MB");
        var communityDb = postgres.AddDatabase("communitydb");
        var storeDb = postgres.AddDatabase("storedb");
        var webhooksDb = postgres.AddDatabase("webhooksdb");
        var jobsDb = postgres.AddDatabase("jobsdb");
        // The claim check's payloads: large commands and replies between the gateway and the store.
        var messageDataDb = postgres.AddDatabase("messagedatadb");
        var messaging = builder.AddRabbitMQ("messaging").WithDataVolume();
        // Rate-limit counters only: no data volume, a restart starts from empty windows.
        var redis = builder.AddRedis("redis");
        return new Infrastructure(communityDb, storeDb, webhooksDb, jobsDb, messageDataDb, messaging, redis, [postgres, messaging, redis]);
    }

    private static Infrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var postgresPort = builder.Configuration.GetValue("Infrastructure:PostgresPort", 55432);
        var rabbitMqPort = builder.Configuration.GetValue("Infrastructure:RabbitMqPort", 55672);
        var redisPort = builder.Configuration.GetValue("Infrastructure:RedisPort", 56379);
        var postgresPassword = builder.AddParameter("postgres-password", "returningai-dev", secret: true);

        var servers = new List<IResourceBuilder<IResource>>();
        if (!PortAnswers(postgresPort))
        {
            servers.Add(builder.AddInfraScriptResource("postgres", "run-postgres", postgresPort)
                .WithEnvironment("RETURNINGAI_PG_PORT", postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("RETURNINGAI_PG_PASSWORD", postgresPassword));
        }

        if (!PortAnswers(rabbitMqPort))
        {
            servers.Add(builder.AddInfraScriptResource("rabbitmq", "run-rabbitmq", rabbitMqPort)
                .WithEnvironment("RETURNINGAI_RABBITMQ_PORT", rabbitMqPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (!PortAnswers(redisPort))
        {
            // Not "redis": that is the connection string's name, which the gateway reads.
            servers.Add(builder.AddInfraScriptResource("redis-server", "run-redis", redisPort)
                .WithEnvironment("RETURNINGAI_REDIS_PORT", redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var port = postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        IResourceBuilder<IResourceWithConnectionString> Database(string name) => builder.AddConnectionString(name, ReferenceExpression.Create(
            $"Host=127.0.0.1;Port={port};Database={name};Username=postgres;Password={postgresPassword}"));
        var messaging = builder.AddConnectionString("messaging", ReferenceExpression.Create(
            $"amqp://guest:guest@127.0.0.1:{rabbitMqPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        var redis = builder.AddConnectionString("redis", ReferenceExpression.Create(
            $"127.0.0.1:{redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        return new Infrastructure(Database("communitydb"), Database("storedb"), Database("webhooksdb"), Database("jobsdb"), Database("messagedatadb"), messaging, redis, servers);
    }

    private static IResourceBuilder<ExecutableResource> AddInfraScriptResource(this IDistributedApplicationBuilder builder, string name, string command, int port)
    {
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var healthCheck = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, () =>
            PortAnswers(port) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"127.0.0.1:{port} does not answer yet"));
        return builder.AddExecutable(name, "bash", repositoryRoot, "eng/infra.sh", command).WithHealthCheck(healthCheck);
    }

    private static bool PortAnswers(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool ContainerEngineAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null) return false;
            if (!docker.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                docker.Kill();
                return false;
            }

            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}
