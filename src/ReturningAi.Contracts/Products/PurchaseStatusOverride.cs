namespace ReturningAi.Contracts.Products;

public sealed record PurchaseStatusOverride(bool IsEnabled, string? Status);
