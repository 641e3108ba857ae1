using ReturningAi.Contracts.Products;

namespace ReturningAi.Contracts.Commands;

/// <summary>The store's reply: every product, in request order, as the read object.</summary>
public sealed record CreateProductsSucceeded(IReadOnlyList<ProductDto> Products, bool DryRun = false);
