using ReturningAi.Contracts.Products;

namespace ReturningAi.Contracts.Commands;

/// <summary>The store's reply to a bulk update: every product as it now is, in request order.</summary>
public sealed record UpdateProductsSucceeded(IReadOnlyList<ProductDto> Products);
