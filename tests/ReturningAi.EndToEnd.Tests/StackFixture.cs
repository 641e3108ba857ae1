namespace ReturningAi.EndToEnd.Tests;

/// <summary>The stack for the end-to-end collection: one store, and a small rate limit the tests can reach.</summary>
public sealed class StackFixture : AppHostStack
{
    public const int RateLimitPerWindow = 100;

    // Above the largest legal import (about 15 s in a Debug build here), which the tests also send.
    public const int DeadlineSeconds = 45;

    protected override int RateLimit => RateLimitPerWindow;

    protected override int StoreDeadlineSeconds => DeadlineSeconds;
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
