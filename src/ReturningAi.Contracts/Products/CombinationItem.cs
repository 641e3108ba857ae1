namespace ReturningAi.Contracts.Products;

public sealed record CombinationItem(string Type, IReadOnlyList<string> Values);
