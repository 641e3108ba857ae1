namespace ReturningAi.Contracts.Jobs;

/// <summary>The <c>onError</c> of a products job (events-and-jobs.md section 3).</summary>
public static class ProductJobPolicies
{
    /// <summary>The default: a product with errors means none is created.</summary>
    public const string Abort = "abort";

    /// <summary>Products with errors (and all that share a duplicated voucher code) are left out; the rest are created.</summary>
    public const string Skip = "skip";

    public static IReadOnlyList<string> All { get; } = [Abort, Skip];
}
