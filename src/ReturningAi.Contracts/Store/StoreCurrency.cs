namespace ReturningAi.Contracts.Store;

/// <summary>The store's currency: its name and its icons for light and dark themes (URLs or null).</summary>
public sealed record StoreCurrency(bool IsEnabled, string Name, string? Light, string? Dark)
{
    public static StoreCurrency Default { get; } = new(false, "Points", null, null);
}
