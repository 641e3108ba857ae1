namespace ReturningAi.Rewards.Requests;

/// <summary>The buyer's details a product may collect (<c>userInformation</c>); a field not sent, or blank, is null.</summary>
public sealed record CollectedInformation(string? Name, string? Phone, string? Address)
{
    public const int MaxNameLength = 200;
    public const int MaxPhoneLength = 50;
    public const int MaxAddressLength = 1000;

    public static CollectedInformation None { get; } = new(null, null, null);
}
