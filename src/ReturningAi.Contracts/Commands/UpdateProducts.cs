namespace ReturningAi.Contracts.Commands;

/// <summary>
/// The bulk partial update, on the broker as <c>PRODUCT_EVENTS.UPDATE_PRODUCTS</c>: per product its id
/// and the fields sent, as the JSON object the partner wrote. Atomic: all change or none.
/// </summary>
public sealed record UpdateProducts(string CommunityId, string RequestId, IReadOnlyList<ProductFieldsUpdate> Items)
{
    public IdempotencyStamp? Idempotency { get; init; }

    public const string EntityName = "PRODUCT_EVENTS.UPDATE_PRODUCTS";
}
