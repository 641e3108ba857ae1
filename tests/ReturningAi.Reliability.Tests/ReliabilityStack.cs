namespace ReturningAi.Reliability.Tests;

/// <summary>
/// The stack for the reliability suite: two store processes competing for the command queue, a rate
/// limit out of the way of the load, and a short deadline so that outages answer quickly.
/// </summary>
public sealed class ReliabilityStack : AppHostStack
{
    public const int DeadlineSeconds = 20;

    protected override int RateLimit => 1_000_000;

    protected override int StoreDeadlineSeconds => DeadlineSeconds;

    public const int StoreInstanceCount = 2;

    protected override int StoreReplicas => StoreInstanceCount;

    /// <summary>A failed test's report then shows each receive endpoint's channel shutdowns and reconnects.</summary>
    protected override string MassTransitLogLevel => "Debug";
}

/// <summary>One collection: the tests share the stack and run one at a time (some restart its servers).</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityStack>
{
    public const string Name = "reliability";
}
