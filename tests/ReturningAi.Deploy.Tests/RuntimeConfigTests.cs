using System.Text.Json.Nodes;

namespace ReturningAi.Deploy.Tests;

/// <summary>
/// The runtime settings the projects ask for reach the runtimeconfig.json their build writes, which is what runs on the AppHost
/// and in the image. A misspelt MSBuild property is silently ignored: the Jobs service asked for workstation GC with one and
/// ran on server GC for six sessions (bench/README, session 16).
/// </summary>
public sealed class RuntimeConfigTests
{
    [Theory]
    [InlineData("Jobs", "System.GC.Server", false)]
    [InlineData("Jobs", "System.GC.Concurrent", false)]
    [InlineData("Jobs", "System.Runtime.TieredPGO", false)]
    [InlineData("Gateway", "System.Runtime.TieredPGO", false)]
    [InlineData("Store", "System.Runtime.TieredPGO", false)]
    public async Task A_service_runs_with_the_runtime_setting_its_project_asks_for(string service, string setting, bool value)
    {
        var path = Repository.File("src", $"ReturningAi.{service}", "bin", Repository.Configuration, "net10.0", $"ReturningAi.{service}.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the AppHost's build writes it.");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(path))!["runtimeOptions"]!["configProperties"]!;
        Assert.True(settings[setting]?.GetValue<bool>() == value, $"{service}'s runtimeconfig gives {setting} = {settings[setting]?.ToJsonString() ?? "(unset)"}.");
    }
}
