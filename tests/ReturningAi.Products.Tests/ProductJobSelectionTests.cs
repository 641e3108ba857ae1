using ReturningAi.Contracts.Jobs;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Products.Tests;

/// <summary>Which products of a products job are created under abort and skip, and which products a duplicated code makes fail.</summary>
public sealed class ProductJobSelectionTests
{
    private static ProductInput With(params string[] codes) =>
        ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal())).Products[0] with { Vouchers = codes };

    [Fact]
    public void Abort_creates_every_product_when_none_fails_and_none_when_one_does()
    {
        Assert.Equal([0, 1, 2], ProductJobSelection.Select(3, [], ProductJobPolicies.Abort).Create);

        var aborted = ProductJobSelection.Select(3, [1, 1], ProductJobPolicies.Abort);

        Assert.Empty(aborted.Create);
        Assert.Equal([1], aborted.Failed.Order());
    }

    [Fact]
    public void Skip_creates_every_product_without_a_problem_in_order_and_ignores_positions_outside_the_job()
    {
        var skipped = ProductJobSelection.Select(5, [3, 0, 3, -1, 9], ProductJobPolicies.Skip);

        Assert.Equal([1, 2, 4], skipped.Create);
        Assert.Equal([0, 3], skipped.Failed.Order());
    }

    [Fact]
    public void Every_product_sharing_a_duplicated_code_fails_the_first_one_too_and_the_others_are_created_under_skip()
    {
        IReadOnlyList<ProductInput> products = [With("A", "B"), With("C"), With("D", "A"), With("E", "E"), With("F"), With("A")];

        var errors = VoucherDuplicates.FindAllOccurrences(products);
        var selection = ProductJobSelection.Select(products.Count, errors.Select(e => e.Index!.Value), ProductJobPolicies.Skip);

        Assert.Equal([0, 2, 3, 3, 5], errors.Select(e => e.Index!.Value));
        Assert.Equal(["[0].vouchers[0]", "[2].vouchers[1]", "[3].vouchers[0]", "[3].vouchers[1]", "[5].vouchers[0]"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("duplicate_voucher", e.Code));
        Assert.Contains("appears 3 times in this request (first at [0].vouchers[0])", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal([1, 4], selection.Create);
    }

    [Fact]
    public void Codes_that_appear_once_make_no_product_fail()
    {
        Assert.Empty(VoucherDuplicates.FindAllOccurrences([With("a", "A"), With("b"), With()]));
    }
}
