namespace ReturningAi.Contracts.Store;

/// <summary>The store's cover image, for light and dark themes (URLs or null).</summary>
public sealed record StoreCover(bool IsEnabled, string? Light, string? Dark)
{
    public static StoreCover Default { get; } = new(false, null, null);
}
