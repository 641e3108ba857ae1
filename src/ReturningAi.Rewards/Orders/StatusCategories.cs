namespace ReturningAi.Rewards.Orders;

/// <summary>A redemption status's <c>category</c>, as the product's own status object has it.</summary>
public static class StatusCategories
{
    public const string Incomplete = "incomplete";
    public const string Complete = "complete";

    public static IReadOnlyList<string> All { get; } = [Incomplete, Complete];
}
