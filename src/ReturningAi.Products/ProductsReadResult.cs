using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Products;

/// <summary>
/// What a reader made of a body: every product and no problem; or every problem, with every product as it
/// was read when each item could be read into one (a wrong value leaves its default), so that the names
/// they use can still be checked and reported with the rest (<see cref="ProductErrors.WithUnresolvedNames"/>).
/// A body whose shape is wrong (not an array, an item not an object, too many) has no products.
/// </summary>
public sealed record ProductsReadResult(IReadOnlyList<ProductInput> Products, IReadOnlyList<ErrorItem> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Problems of values only, with every product read: the store may still check their names.</summary>
    public bool NamesCheckable => Errors.Count > 0 && Products.Count > 0;

    public static ProductsReadResult Failed(params IReadOnlyList<ErrorItem> errors) => new([], ProductErrors.Capped([.. errors]));
}
