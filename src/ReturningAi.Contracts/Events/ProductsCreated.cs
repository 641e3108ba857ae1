namespace ReturningAi.Contracts.Events;

/// <summary>Published as <c>PRODUCT_EVENTS.PRODUCTS_CREATED</c> after the store commits a bulk create.</summary>
public sealed record ProductsCreated(string CommunityId, IReadOnlyList<string> ProductIds, int VoucherCount, string RequestId)
{
    public const string EntityName = "PRODUCT_EVENTS.PRODUCTS_CREATED";
}
