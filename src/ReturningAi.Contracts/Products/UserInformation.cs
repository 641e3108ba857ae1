namespace ReturningAi.Contracts.Products;

public sealed record UserInformation(bool IsEnabled, bool ShouldCollectName, bool ShouldCollectPhone, bool ShouldCollectAddress)
{
    public static UserInformation Default { get; } = new(false, false, false, false);
}
