namespace ReturningAi.AppHost;

/// <summary>The connection-string resources the services reference, whichever way they are provided.</summary>
internal sealed record Infrastructure(
    IResourceBuilder<IResourceWithConnectionString> CommunityDb,
    IResourceBuilder<IResourceWithConnectionString> StoreDb,
    IResourceBuilder<IResourceWithConnectionString> WebhooksDb,
    IResourceBuilder<IResourceWithConnectionString> JobsDb,
    IResourceBuilder<IResourceWithConnectionString> MessageDataDb,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IReadOnlyList<IResourceBuilder<IResource>> Servers);
