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
}
