using System.Text.Json.Nodes;

namespace ReturningAi.Deploy.Tests;

/// <summary>The AppHost publishes its deployment manifest: every service, the servers as containers, secrets as parameters.</summary>
public sealed class PublishManifestTests
{
    private static readonly string[] Services = ["community", "store", "webhooks", "jobs", "gateway"];

    // Published once for the class's tests: each publish is a run of the AppHost.
    private static readonly Lazy<Task<JsonObject>> Published = new(PublishResourcesAsync);

    [Fact]
    public async Task The_apphost_publishes_a_manifest_with_every_service_and_its_dependencies()
    {
        var resources = await Published.Value;
        foreach (var service in Services)
        {
            Assert.StartsWith("project.", resources[service]!["type"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.StartsWith("container.", resources["postgres"]!["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("container.", resources["messaging"]!["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("container.", resources["redis"]!["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(resources["platform-admin-token"]!["inputs"]!["value"]!["secret"]!.GetValue<bool>());

        var gateway = resources["gateway"]!;
        Assert.Equal("{platform-admin-token.value}", gateway["env"]!["PlatformAdmin__Token"]!.GetValue<string>());
        Assert.Equal("{redis.connectionString}", gateway["env"]!["ConnectionStrings__redis"]!.GetValue<string>());
        Assert.Equal("{internal-token.value}", resources["store"]!["env"]!["GatewayTrust__Token"]!.GetValue<string>());
        Assert.Equal("{internal-token.value}", resources["webhooks"]!["env"]!["GatewayTrust__Token"]!.GetValue<string>());
        foreach (var service in new[] { "gateway", "store" })
        {
            Assert.Equal("{messagedatadb.connectionString}", resources[service]!["env"]!["ConnectionStrings__messagedatadb"]!.GetValue<string>());
        }

        Assert.Contains("storedb", resources["store"]!["env"]!.AsObject().Select(e => e.Key).Single(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && k.EndsWith("storedb", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>The runtime's memory settings measured on the AppHost (bench/README) are the ones deployed.</summary>
    [Fact]
    public async Task Each_service_gets_the_same_gen0_budget_cap_from_the_apphost_and_from_deploy()
    {
        const string Gen0Budget = "DOTNET_GCGen0MaxBudget";
        var resources = await Published.Value;
        var deployed = await Templates.CompiledAsync("resources.bicep");
        foreach (var service in Services)
        {
            var published = resources[service]!["env"]![Gen0Budget]?.GetValue<string>();
            var inDeploy = Templates.Module(deployed, service)["env"]!["value"]!.AsArray()
                .SingleOrDefault(e => e!["name"]!.GetValue<string>() == Gen0Budget)?["value"]!.GetValue<string>();
            Assert.True(published == inDeploy, $"{service}: the AppHost gives {Gen0Budget}={published ?? "(none)"}, deploy/ {inDeploy ?? "(none)"}.");
        }

        Assert.All(new[] { "store", "jobs", "gateway" }, service => Assert.NotNull(resources[service]!["env"]![Gen0Budget]));
    }

    private static async Task<JsonObject> PublishResourcesAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "returningai-manifest-" + Guid.NewGuid().ToString("N"));
        try
        {
            var manifestPath = Path.Combine(output, "aspire-manifest.json");
            var run = await Repository.RunAsync("dotnet", "run", "--project", Repository.File("ReturningAi.AppHost"), "--no-build",
                "--configuration", Repository.Configuration, "--", "--publisher", "manifest", "--output-path", manifestPath);
            Assert.True(run.ExitCode == 0 && File.Exists(manifestPath), $"Publishing the manifest failed:\n{run.Output}");
            return JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!["resources"]!.AsObject();
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
