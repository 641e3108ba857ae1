using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Products;

/// <summary>
/// Which products of a products job are created (events-and-jobs.md section 3): with <c>abort</c> all of them or, when
/// any fails, none; with <c>skip</c> every product without a problem. <see cref="Failed"/> are the products with problems
/// (a duplicated voucher code is a problem of every product that carries it); the others not created are <c>not_applied</c>.
/// </summary>
public sealed record ProductJobSelection(IReadOnlyList<int> Create, IReadOnlySet<int> Failed)
{
    /// <param name="count">The job's products.</param>
    /// <param name="failing">The positions of products with a problem, once per problem; positions outside the job are ignored.</param>
    /// <param name="onError"><see cref="ProductJobPolicies.Abort"/> or <see cref="ProductJobPolicies.Skip"/>.</param>
    public static ProductJobSelection Select(int count, IEnumerable<int> failing, string onError)
    {
        var failed = failing.Where(i => i >= 0 && i < count).ToHashSet();
        var create = onError == ProductJobPolicies.Skip || failed.Count == 0
            ? Enumerable.Range(0, count).Where(i => !failed.Contains(i)).ToList()
            : [];
        return new ProductJobSelection(create, failed);
    }
}
