namespace ReturningAi.Contracts.Store;

/// <summary>A button under the store's description.</summary>
public sealed record StoreCallToAction(bool IsEnabled, string Text, string Link)
{
    public static StoreCallToAction Default { get; } = new(false, "", "");
}
