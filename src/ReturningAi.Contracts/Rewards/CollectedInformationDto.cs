namespace ReturningAi.Contracts.Rewards;

/// <summary>The buyer's details a product collected; a field it does not collect is null.</summary>
public sealed record CollectedInformationDto(string? Name, string? Phone, string? Address);
