using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Deploy.Tests;

/// <summary>deploy/infra compiles with the Bicep compiler, without a warning, into what the README promises.</summary>
public sealed class BicepTests
{
    [Fact]
    public async Task Every_template_compiles_and_lints_without_a_diagnostic()
    {
        Assert.True(File.Exists(Repository.Bicep), $"The Bicep compiler is missing at {Repository.Bicep}; restore restores it from NuGet.");
        foreach (var template in Directory.GetFiles(Templates.Infra, "*.bicep"))
        {
            var build = await Repository.RunAsync(Repository.Bicep, "build", template, "--stdout");
            Assert.True(build.ExitCode == 0, $"bicep build {Path.GetFileName(template)} failed:\n{build.Output}");
            var lint = await Repository.RunAsync(Repository.Bicep, "lint", template);
            Assert.True(lint.ExitCode == 0 && lint.Output.Trim().Length == 0, $"bicep lint {Path.GetFileName(template)}:\n{lint.Output}");
        }
    }

    [Fact]
    public async Task The_store_scales_on_the_length_of_the_queue_the_gateway_sends_bulk_creates_to()
    {
        var resources = await Templates.CompiledAsync("resources.bicep");
        var store = Templates.Module(resources, "store");
        var rule = Assert.Single(store["scaleRules"]!["value"]!.AsArray())!["custom"]!;
        Assert.Equal("rabbitmq", rule["type"]!.GetValue<string>());
        Assert.Equal("QueueLength", rule["metadata"]!["mode"]!.GetValue<string>());
        Assert.Contains(CreateProducts.EntityName, resources.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("messaging", rule["auth"]![0]!["secretRef"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhooks_scale_on_the_deliveries_due_and_jobs_on_the_jobs_waiting_or_running()
    {
        var resources = await Templates.CompiledAsync("resources.bicep");
        foreach (var (service, database, table, states) in new[]
                 {
                     ("webhooks", "webhooksdb", "webhook_deliveries", new[] { "pending" }),
                     ("jobs", "jobsdb", "jobs", new[] { JobStates.Queued, JobStates.Running }),
                 })
        {
            var parameters = Templates.Module(resources, service);
            var rule = Assert.Single(parameters["scaleRules"]!["value"]!.AsArray())!["custom"]!;
            Assert.Equal("postgresql", rule["type"]!.GetValue<string>());
            var query = rule["metadata"]!["query"]!.GetValue<string>();
            Assert.StartsWith($"SELECT count(*) FROM {table} WHERE", query, StringComparison.Ordinal);
            Assert.All(states, state => Assert.Contains($"'{state}'", query, StringComparison.Ordinal));
            Assert.True(int.Parse(rule["metadata"]!["targetQueryValue"]!.GetValue<string>(), CultureInfo.InvariantCulture) > 0);

            // KEDA reads a URI connection string from a secret of its own, never the service's .NET connection string.
            var auth = Assert.Single(rule["auth"]!.AsArray())!;
            Assert.Equal("connection", auth["triggerParameter"]!.GetValue<string>());
            var secretName = auth["secretRef"]!.GetValue<string>();
            var secret = parameters["secrets"]!["value"]!["items"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == secretName)!;
            var connection = secret["value"]!.GetValue<string>();
            Assert.Contains($"/{database}?sslmode=require", connection, StringComparison.Ordinal);
            Assert.Contains("postgresql://", connection, StringComparison.Ordinal);
            Assert.Contains("uriComponent(parameters('postgresPassword'))", connection, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_service_gets_its_secrets_by_reference_and_only_the_gateway_is_public()
    {
        var resources = await Templates.CompiledAsync("resources.bicep");
        foreach (var (service, external) in new[] { ("community", false), ("store", false), ("webhooks", false), ("jobs", false), ("gateway", true) })
        {
            var parameters = Templates.Module(resources, service);
            Assert.Equal(external, parameters["external"]!["value"]!.GetValue<bool>());
            var env = parameters["env"]!["value"]!.AsArray().Select(e => e!.AsObject()).ToList();
            foreach (var secret in new[] { "GatewayTrust__Token", "ConnectionStrings__messaging", "ConnectionStrings__redis", "PlatformAdmin__Token" })
            {
                if (env.FirstOrDefault(e => e["name"]!.GetValue<string>() == secret) is { } entry)
                {
                    Assert.True(entry.ContainsKey("secretRef") && !entry.ContainsKey("value"), $"{service}: {secret} must come from a secret.");
                }
            }

            Assert.Contains(env, e => e["name"]!.GetValue<string>() == "GatewayTrust__Token");
        }
    }

    [Fact]
    public async Task The_gateway_replicas_share_one_Redis_inside_the_environment()
    {
        var resources = await Templates.CompiledAsync("resources.bicep");
        var env = Templates.Module(resources, "gateway")["env"]!["value"]!.AsArray();
        Assert.Contains(env, e => e!["name"]!.GetValue<string>() == "ConnectionStrings__redis" && e["secretRef"]!.GetValue<string>() == "redis");
        var redis = Templates.Resources(resources).Single(r => r["type"]!.GetValue<string>() == "Microsoft.App/containerApps" && r["name"]!.GetValue<string>() == "redis");
        Assert.False(redis["properties"]!["configuration"]!["ingress"]!["external"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_gateway_and_the_store_both_reach_the_claim_checks_database()
    {
        var resources = await Templates.CompiledAsync("resources.bicep");
        Assert.Contains(Templates.Resources(resources), r => r["type"]!.GetValue<string>() == "Microsoft.DBforPostgreSQL/flexibleServers/databases"
            && r["name"]!.ToJsonString().Contains("messagedatadb", StringComparison.Ordinal));
        foreach (var service in new[] { "gateway", "store" })
        {
            var parameters = Templates.Module(resources, service).ToJsonString();
            Assert.Contains("ConnectionStrings__messagedatadb", parameters, StringComparison.Ordinal);
            Assert.Contains("Database=messagedatadb", parameters, StringComparison.Ordinal);
        }
    }
}
