using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReturningAi.Deploy.Tests;

/// <summary>deploy/infra's templates as the Bicep compiler builds them (ARM JSON), and the parts the tests read.</summary>
internal static class Templates
{
    public static string Infra { get; } = Repository.File("deploy", "infra");

    public static async Task<JsonNode> CompiledAsync(string template)
    {
        var build = await Repository.RunAsync(Repository.Bicep, "build", Path.Combine(Infra, template), "--stdout");
        Assert.Equal(0, build.ExitCode);
        return JsonNode.Parse(build.Output, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true })!;
    }

    /// <summary>The parameters a module deployment of service.bicep is given.</summary>
    public static JsonObject Module(JsonNode template, string name) =>
        Resources(template)
            .Single(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == name)
            ["properties"]!["parameters"]!.AsObject();

    public static IEnumerable<JsonNode> Resources(JsonNode template) =>
        // An array of resources, or an object keyed by symbolic name (language version 2.0).
        template["resources"] is JsonArray array ? array.Select(r => r!) : template["resources"]!.AsObject().Select(r => r.Value!);
}
