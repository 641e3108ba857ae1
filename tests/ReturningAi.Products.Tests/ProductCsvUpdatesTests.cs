using System.Text;
using System.Text.Json.Nodes;
using ReturningAi.Products.Csv;

namespace ReturningAi.Products.Tests;

/// <summary>The CSV form of the bulk update: Product ID starts an update, continuation rows add permission entries, blank cells change nothing.</summary>
public sealed class ProductCsvUpdatesTests
{
    private const string Id1 = "507f1f77bcf86cd799439011";
    private const string Id2 = "507f1f77bcf86cd799439012";

    private static CsvUpdatesReadResult Read(string csv) => ProductCsvReader.ReadUpdates(Encoding.UTF8.GetBytes(csv));

    [Fact]
    public void Only_non_blank_cells_become_fields_and_continuation_rows_replace_the_permission_entries()
    {
        var result = Read($"""
            Product ID,Name,Price,Collect Name,Archived,Vouchers,Voucher Expire Date,Permission Type,Roles,Access Level
            {Id1},,12.5,yes,,"A-1, A-2",2031-01-01T00:00:00Z,role,VIP Member,full-access
            ,,,,,,,tag,,view-only
            {Id2},Renamed,,,true,,,,,
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Items.Count);
        var first = JsonNode.Parse(result.Items[0].FieldsJson)!.AsObject();
        Assert.Equal(Id1, result.Items[0].Id);
        Assert.True(result.Items[0].MergeNested);
        Assert.Equal(["productID", "price", "userInformation", "vouchers", "voucherExpireDate", "productPermission"], first.Select(p => p.Key));
        Assert.Equal(12.5m, first["price"]!.GetValue<decimal>());
        Assert.Equal("""{"shouldCollectName":true}""", first["userInformation"]!.ToJsonString());
        Assert.Equal(["role", "tag"], first["productPermission"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal("""{"productID":"507f1f77bcf86cd799439012","name":"Renamed","isArchived":true}""", result.Items[1].FieldsJson);
    }

    [Theory]
    [InlineData("Product ID,Name,Permission Type\n,,role\n", "continuation_without_product", 2, null)]
    [InlineData($"Product ID,Name,Permission Type\n{Id1},,role\n,Other,tag\n", "continuation_has_product_fields", 3, "Name")]
    [InlineData($"Product ID,Price\n{Id1},cheap\n", "invalid_number", 2, "Price")]
    [InlineData("Product ID,Price\nnot-an-id,1\n", "product_not_found", 2, "Product ID")]
    [InlineData($"Product ID,Price\n{Id1},1\n{Id1},2\n", "duplicate_product", 3, "Product ID")]
    [InlineData("Name,Price\nMug,1\n", "missing_column", 1, "Product ID")]
    [InlineData("Product ID,Colour\n", "unknown_column", 1, "Colour")]
    public void Each_problem_names_its_row_and_column(string csv, string code, int row, string? column)
    {
        var error = Assert.Single(Read(csv).Errors);

        Assert.Equal((code, row, column), (error.Code, error.Row, error.Column));
    }

    [Fact]
    public void The_store_s_errors_are_located_by_the_layout()
    {
        var result = Read($"Product ID,Price,Permission Type\n{Id1},1,role\n,,tag\n");

        var located = result.Layout.Locate(new Contracts.Http.ErrorItem("out_of_range", "bad", "[0].productPermission[1].purchaseLimit.quantity") { Index = 0 });
        var price = result.Layout.Locate(new Contracts.Http.ErrorItem("out_of_range", "bad", "[0].price") { Index = 0 });

        Assert.Equal((3, "Purchase Limit Quantity", null), (located.Row, located.Column, located.Index));
        Assert.Equal((2, "Price"), (price.Row, price.Column));
    }
}
