using YamlDotNet.RepresentationModel;

namespace ReturningAi.Deploy.Tests;

/// <summary>deploy/azure.yaml points azd at the templates and at every service project, as container apps.</summary>
public sealed class AzdProjectTests
{
    [Fact]
    public void Every_service_is_a_dotnet_container_app_whose_project_and_container_app_exist()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repository.File("deploy", "azure.yaml"))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        var infra = (YamlMappingNode)root["infra"];
        Assert.Equal("bicep", infra["provider"].ToString());
        Assert.True(File.Exists(Repository.File("deploy", infra["path"].ToString(), infra["module"] + ".bicep")));

        var resources = File.ReadAllText(Repository.File("deploy", "infra", "resources.bicep"));
        var services = (YamlMappingNode)root["services"];
        Assert.Equal(["community", "gateway", "jobs", "store", "webhooks"], services.Children.Keys.Select(k => k.ToString()).Order());
        foreach (var (name, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            Assert.Equal("containerapp", service["host"].ToString());
            Assert.Equal("dotnet", service["language"].ToString());
            var project = Path.GetFullPath(Path.Combine(Repository.File("deploy"), service["project"].ToString()));
            Assert.True(Directory.GetFiles(project, "*.csproj").Length == 1, $"{name}: no project at {project}");
            // azd finds the container app by the tag service.bicep gives it: azd-service-name = the module's name.
            Assert.Contains($"name: '{name}'", resources, StringComparison.Ordinal);
        }
    }
}
