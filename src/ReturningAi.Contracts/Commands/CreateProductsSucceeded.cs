using MassTransit;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Contracts.Commands;

/// <summary>The store's reply: every product, in request order, as the read object.</summary>
public sealed record CreateProductsSucceeded(IReadOnlyList<ProductDto> Products, bool DryRun = false)
{
    /// <summary>
    /// The reply to a command that came by claim check: its products as the JSON array of the API's response (written
    /// by the store with the API's JSON options), by claim check too, so that the gateway copies it into the response
    /// instead of reading and writing every product again. <see cref="Products"/> is then empty.
    /// </summary>
    public MessageData<Stream>? ProductsData { get; init; }

    /// <summary>How many products <see cref="ProductsData"/> holds.</summary>
    public int CheckedInCount { get; init; }

    /// <summary>How many products the reply answers for, whichever way they travel.</summary>
    public int Count() => ProductsData is null ? Products.Count : CheckedInCount;
}
