using Microsoft.Extensions.Configuration;

namespace ReturningAi.AppHost;

internal static class ResourceBuilderExtensions
{
    public static IResourceBuilder<T> WaitForAll<T>(this IResourceBuilder<T> builder, IEnumerable<IResourceBuilder<IResource>> dependencies)
        where T : IResourceWithWaitSupport
    {
        foreach (var dependency in dependencies) builder.WaitFor(dependency);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithDemoApiKey(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ParameterResource>? demoApiKey) =>
        demoApiKey is null ? builder : builder.WithEnvironment("Demo__ApiKey", demoApiKey);

    /// <summary>Passes every value of a configuration section of the AppHost on to the service, as <c>Section__Key</c> variables.</summary>
    public static IResourceBuilder<ProjectResource> WithConfigurationSection(this IResourceBuilder<ProjectResource> builder, IConfiguration configuration,
        string section)
    {
        foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
        {
            if (value is not null) builder.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        return builder;
    }
}
