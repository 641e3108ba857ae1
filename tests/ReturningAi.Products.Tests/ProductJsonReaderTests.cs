using System.Text.Json.Nodes;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Products.Tests;

public sealed class ProductJsonReaderTests
{
    [Fact]
    public void The_page_example_reads_as_written()
    {
        var result = ProductJsonReader.ReadBulk(Bodies.Parse(Bodies.PageExample));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var product = Assert.Single(result.Products);
        Assert.Equal("Premium Voucher", product.Name);
        Assert.Equal(100m, product.Price);
        Assert.Equal(90m, product.DiscountPrice);
        Assert.Equal("Premium Rewards", product.CategoryName);
        Assert.True(product.ShouldDisplayRemainingQuantity);
        Assert.Equal(["VOUCHER-001", "VOUCHER-002"], product.Vouchers);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), product.VoucherExpireDate);
        var entry = Assert.Single(product.ProductPermission);
        Assert.Equal(("role", true, "full-access"), (entry.Type, entry.IsEnabled, entry.AccessLevel));
        Assert.Equal(["VIP Member"], entry.Permission.RoleNames);
        Assert.Equal(["alex"], entry.Permission.Usernames);
        Assert.Equal(new PurchaseAccess(80, false), entry.PurchaseAccess);
        Assert.Equal(new PurchaseLimit(false, 1, 1, "months"), entry.PurchaseLimit);
        Assert.Null(product.PurchaseStatusOverrideName);
    }

    [Fact]
    public void A_minimal_product_takes_the_contract_defaults()
    {
        var product = Assert.Single(ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal())).Products);

        Assert.Equal("", product.Description);
        Assert.Null(product.Image);
        Assert.Equal(0m, product.DiscountPrice);
        Assert.False(product.IsDiscountEnabled);
        Assert.Null(product.DiscountStartDate);
        Assert.Equal(UserInformation.Default, product.UserInformation);
        Assert.False(product.ShouldDisplayRemainingQuantity);
        Assert.Equal(new ExpiringVoucherHighlight(false, 7, "days"), product.ExpiringVoucherHighlight);
        Assert.Equal("", product.RedemptionInstructions);
        Assert.Empty(product.ProductPermission);
        Assert.Null(product.PurchaseStatusOverrideName);
        Assert.Null(product.VoucherExpireDate);
    }

    [Theory]
    [InlineData("{\"products\": []}", "object_wrapper")]
    [InlineData("[]", "empty")]
    [InlineData("\"text\"", "malformed_json")]
    public void The_body_must_be_a_raw_non_empty_array(string json, string code)
    {
        var result = ProductJsonReader.ReadBulk(Bodies.Parse(json));

        Assert.Equal(code, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void More_than_100_products_is_too_many_and_100_is_fine()
    {
        Assert.True(ProductJsonReader.ReadBulk(Bodies.Array([.. Enumerable.Range(0, 100).Select(_ => Bodies.Minimal())])).Succeeded);

        var result = ProductJsonReader.ReadBulk(Bodies.Array([.. Enumerable.Range(0, 101).Select(_ => Bodies.Minimal())]));

        Assert.Equal("too_many_products", Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("name", "\"   \"", "invalid_length", "name")]
    [InlineData("price", "-0.01", "out_of_range", "price")]
    [InlineData("price", "\"10\"", "invalid_type", "price")]
    [InlineData("price", "1e400", "invalid_number", "price")]
    [InlineData("categoryName", "null", "required", "categoryName")]
    [InlineData("image", "\"ftp://example.com/x.png\"", "invalid_url", "image")]
    [InlineData("image", "\"not a url\"", "invalid_url", "image")]
    [InlineData("discountPrice", "-1", "out_of_range", "discountPrice")]
    [InlineData("isDiscountEnabled", "\"yes\"", "invalid_type", "isDiscountEnabled")]
    [InlineData("discountStartDate", "\"someday\"", "invalid_date", "discountStartDate")]
    [InlineData("expiringVoucherHighlight.duration", "0", "out_of_range", "expiringVoucherHighlight.duration")]
    [InlineData("expiringVoucherHighlight.duration", "2147483648", "invalid_integer", "expiringVoucherHighlight.duration")]
    [InlineData("expiringVoucherHighlight.duration", "1.5", "invalid_integer", "expiringVoucherHighlight.duration")]
    [InlineData("expiringVoucherHighlight.timeframe", "\"years\"", "invalid_value", "expiringVoucherHighlight.timeframe")]
    [InlineData("userInformation", "[]", "invalid_type", "userInformation")]
    [InlineData("vouchers", "null", "required", "vouchers")]
    [InlineData("vouchers", "[7]", "invalid_type", "vouchers[0]")]
    [InlineData("productPermission", "{}", "invalid_type", "productPermission")]
    public void Each_rule_names_its_field(string path, string json, string code, string field)
    {
        var body = Bodies.Minimal().With(path, JsonNode.Parse(json));

        var error = Assert.Single(ProductJsonReader.ReadBulk(Bodies.Array(body)).Errors);

        Assert.Equal((code, $"[0].{field}", 0), (error.Code, error.Field, error.Index));
    }

    [Theory]
    [InlineData("type", "\"group\"", "invalid_value", "type")]
    [InlineData("permission.combination", "[{\"type\": \"group\", \"values\": []}]", "invalid_value", "permission.combination[0].type")]
    [InlineData("permission.roleNames", "[\"a\", 1]", "invalid_type", "permission.roleNames[1]")]
    [InlineData("purchaseAccess.specialPrice", "-5", "out_of_range", "purchaseAccess.specialPrice")]
    [InlineData("purchaseLimit.quantity", "0", "out_of_range", "purchaseLimit.quantity")]
    [InlineData("purchaseLimit.intervalCount", "0", "out_of_range", "purchaseLimit.intervalCount")]
    [InlineData("purchaseLimit.intervalUnit", "\"hours\"", "invalid_value", "purchaseLimit.intervalUnit")]
    [InlineData("accessLevel", "\"admin\"", "invalid_value", "accessLevel")]
    public void Each_permission_rule_names_its_field(string path, string json, string code, string field)
    {
        var entry = new JsonObject { ["type"] = "role" }.With(path, JsonNode.Parse(json));
        var body = Bodies.Minimal().With("productPermission", new JsonArray(entry));

        var error = Assert.Single(ProductJsonReader.ReadBulk(Bodies.Array(body)).Errors);

        Assert.Equal((code, $"[0].productPermission[0].{field}"), (error.Code, error.Field));
    }

    [Fact]
    public void A_discount_must_be_below_the_price_and_end_after_it_starts()
    {
        var body = Bodies.Minimal()
            .With("isDiscountEnabled", true).With("discountPrice", 10)
            .With("discountStartDate", "2026-02-01T00:00:00Z").With("discountEndDate", "2026-01-01T00:00:00Z");

        var errors = ProductJsonReader.ReadBulk(Bodies.Array(body)).Errors;

        Assert.Equal([("out_of_range", "[0].discountPrice"), ("invalid_date_range", "[0].discountEndDate")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Vouchers_need_an_expiry_and_an_empty_expiry_is_fine_without_vouchers()
    {
        Assert.True(ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal().With("voucherExpireDate", ""))).Succeeded);

        var withCodes = Bodies.Minimal().With("vouchers", new JsonArray("A")).With("voucherExpireDate", "");
        var error = Assert.Single(ProductJsonReader.ReadBulk(Bodies.Array(withCodes)).Errors);

        Assert.Equal(("required", "[0].voucherExpireDate"), (error.Code, error.Field));
    }

    [Fact]
    public void Voucher_codes_are_trimmed_and_must_be_1_to_128_printable_characters()
    {
        var body = Bodies.Minimal().With("voucherExpireDate", "2027-01-01T00:00:00Z")
            .With("vouchers", new JsonArray("  A-1  ", "", new string('x', 129), "tab\there"));

        var result = ProductJsonReader.ReadBulk(Bodies.Array(body));

        Assert.Equal(["[0].vouchers[1]", "[0].vouchers[2]", "[0].vouchers[3]"], result.Errors.Select(e => e.Field));
        Assert.True(ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal().With("voucherExpireDate", "2027-01-01T00:00:00Z")
            .With("vouchers", new JsonArray("  A-1  ")))).Products[0].Vouchers.SequenceEqual(["A-1"]));
    }

    [Fact]
    public void Every_problem_of_every_item_is_reported_with_its_index()
    {
        var first = Bodies.Minimal().With("price", "ten");
        var second = Bodies.Minimal().With("name", "").With("price", -1).With("expiringVoucherHighlight.timeframe", "years");

        var errors = ProductJsonReader.ReadBulk(Bodies.Array(first, second)).Errors;

        Assert.Equal(
            [("[0].price", 0), ("[1].name", 1), ("[1].price", 1), ("[1].expiringVoucherHighlight.timeframe", 1)],
            errors.Select(e => (e.Field!, e.Index!.Value)));
    }

    [Fact]
    public void Unknown_properties_are_ignored()
    {
        Assert.True(ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal().With("communityID", "ignored").With("extra", 1))).Succeeded);
    }
}
