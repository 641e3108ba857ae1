namespace ReturningAi.Contracts.Events;

/// <summary>
/// Published as <c>PRODUCT_EVENTS.PRODUCTS_CREATED</c> after the store commits a create. <see cref="Products"/>
/// names each product for the <c>store.products_created</c> webhook (absent from older publishers).
/// </summary>
public sealed record ProductsCreated(string CommunityId, IReadOnlyList<string> ProductIds, int VoucherCount, string RequestId)
{
    public const string EntityName = "PRODUCT_EVENTS.PRODUCTS_CREATED";

    public IReadOnlyList<CreatedProduct>? Products { get; init; }

    public string? JobId { get; init; }
}
