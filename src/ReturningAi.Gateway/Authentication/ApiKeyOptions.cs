namespace ReturningAi.Gateway.Authentication;

public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>
    /// How long a looked-up key is trusted without asking Community again. Key events evict entries
    /// at once; this bounds staleness should an event be lost.
    /// </summary>
    public int CacheLifetimeSeconds { get; set; } = 30;

    public int MaxCachedKeys { get; set; } = 100_000;
}
