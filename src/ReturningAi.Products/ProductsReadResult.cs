using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Products;

/// <summary>What a reader made of a body: every product, or every problem (never half of each).</summary>
public sealed record ProductsReadResult(IReadOnlyList<ProductInput> Products, IReadOnlyList<ErrorItem> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ProductsReadResult Failed(params IReadOnlyList<ErrorItem> errors) => new([], ProductErrors.Capped([.. errors]));
}
