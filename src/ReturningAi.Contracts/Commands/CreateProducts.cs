using ReturningAi.Contracts.Products;

namespace ReturningAi.Contracts.Commands;

/// <summary>
/// The bulk create, on the broker as <c>PRODUCT_EVENTS.CREATE_PRODUCTS</c>. The products are
/// shape-valid; the store resolves their names, checks the rest and persists them all or none.
/// </summary>
public sealed record CreateProducts(string CommunityId, string RequestId, IReadOnlyList<ProductInput> Products, bool DryRun = false)
{
    /// <summary>The partner's <c>Idempotency-Key</c>, if sent, and the SHA-256 of the request it came with.</summary>
    public IdempotencyStamp? Idempotency { get; init; }

    public const string EntityName = "PRODUCT_EVENTS.CREATE_PRODUCTS";
}
