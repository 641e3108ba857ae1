using ReturningAi.Contracts.Products;

namespace ReturningAi.Products.Tests;

public sealed class VoucherDuplicatesTests
{
    private static ProductInput With(params string[] codes) =>
        ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal())).Products[0] with { Vouchers = codes };

    [Fact]
    public void A_code_repeated_inside_one_product_is_reported_at_its_repeat()
    {
        var error = Assert.Single(VoucherDuplicates.Find([With("A", "B", "A")], isBulk: true));

        Assert.Equal(("duplicate_voucher", "[0].vouchers[2]", 0), (error.Code, error.Field, error.Index));
        Assert.Contains("[0].vouchers[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_repeated_across_two_products_is_reported_with_the_second()
    {
        var error = Assert.Single(VoucherDuplicates.Find([With("A"), With("B", "A")], isBulk: true));

        Assert.Equal(("[1].vouchers[1]", 1), (error.Field, error.Index));
    }

    [Fact]
    public void Codes_differing_in_case_are_different_codes_and_single_objects_use_plain_paths()
    {
        Assert.Empty(VoucherDuplicates.Find([With("a", "A")], isBulk: false));
        Assert.Equal("vouchers[1]", Assert.Single(VoucherDuplicates.Find([With("x", "x")], isBulk: false)).Field);
    }
}
