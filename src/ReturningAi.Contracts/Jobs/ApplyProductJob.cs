using ReturningAi.Contracts.Products;

namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// A whole products job (at most 100 products, so one message), sent by the Jobs service to the Store and answered with
/// <see cref="JobRowsApplied"/>: one result per product, keyed by its position in <see cref="Products"/>. <see cref="Refused"/>
/// are the positions the file's reader already found wrong; the Store checks the rest. <see cref="OnError"/>
/// (<see cref="ProductJobPolicies"/>) decides between creating none and creating the valid ones, in one transaction with
/// a marker per product, so a command sent again answers its recorded results.
/// </summary>
public sealed record ApplyProductJob(string JobId, string CommunityId, string? ApiKeyId, string OnError, IReadOnlyList<ProductInput> Products,
    IReadOnlyList<int> Refused)
{
    public const string EntityName = "PRODUCT_EVENTS.APPLY_PRODUCT_JOB";
}
