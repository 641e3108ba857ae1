namespace ReturningAi.Contracts.Store;

public sealed record StoreConfigurationDto(string CurrencyName, bool IsStoreOpen)
{
    public static StoreConfigurationDto Default { get; } = new("Points", true);
}
