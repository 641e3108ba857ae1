using System.Globalization;
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

    /// <summary>
    /// Caps gen0's allocation budget. The GC sizes it by the largest CPU cache: on a host with a 260 MB L3 that is up to 128 MB
    /// allocated between two collections, all of it committed, so a service's peak follows its allocation rate rather than what
    /// it holds (bench/README: scenario i for the Jobs service, c and d for the gateway and the store). Only an environment
    /// variable sets it (no runtimeconfig name), so it is given here, and in deploy/ beside each service.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGen0BudgetCap(this IResourceBuilder<ProjectResource> builder, int megabytes)
    {
        var bytes = "0x" + (megabytes * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        return builder.WithEnvironment("DOTNET_GCGen0MaxBudget", bytes);
    }
}
