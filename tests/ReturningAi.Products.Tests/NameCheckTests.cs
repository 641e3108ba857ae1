using System.Text;
using System.Text.Json.Nodes;
using ReturningAi.Contracts.Http;
using ReturningAi.Products.Csv;

namespace ReturningAi.Products.Tests;

/// <summary>
/// A body with wrong values still carries every product as read, so that the store can check their names,
/// and the names it cannot resolve are reported with the values, once, in item order.
/// </summary>
public sealed class NameCheckTests
{
    [Fact]
    public void A_JSON_body_with_a_wrong_value_keeps_every_product_as_read()
    {
        var result = ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal().With("price", -1), Bodies.Minimal().With("categoryName", "Nope")));

        Assert.False(result.Succeeded);
        Assert.True(result.NamesCheckable);
        Assert.Equal(["Cards", "Nope"], result.Products.Select(p => p.CategoryName));
        Assert.Equal(("out_of_range", "[0].price", 0), (result.Errors[0].Code, result.Errors[0].Field, result.Errors[0].Index));
    }

    [Fact]
    public void A_JSON_item_that_is_not_an_object_leaves_nothing_to_check()
    {
        var result = ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal().With("price", -1), JsonValue.Create(7)));

        Assert.False(result.NamesCheckable);
        Assert.Empty(result.Products);
    }

    [Fact]
    public void A_CSV_file_with_a_wrong_value_keeps_every_product_as_read()
    {
        var result = ProductCsvReader.Read(Encoding.UTF8.GetBytes("Name,Price,Category Name\nFirst,-1,Cards\nSecond,1,Nope\n")).Products;

        Assert.True(result.NamesCheckable);
        Assert.Equal(["Cards", "Nope"], result.Products.Select(p => p.CategoryName));
        Assert.Equal(("out_of_range", 2, "Price"), (result.Errors[0].Code, result.Errors[0].Row, result.Errors[0].Column));
    }

    [Fact]
    public void Unresolved_names_join_the_value_errors_once_in_item_order_and_not_for_a_field_already_reported()
    {
        IReadOnlyList<ErrorItem> values =
        [
            new("out_of_range", "price must be 0 or more.", "[0].price") { Index = 0 },
            new("required", "categoryName is required.", "[2].categoryName") { Index = 2 },
        ];
        ErrorItem[] fromStore =
        [
            new("out_of_range", "price must be 0 or more.", "[0].price") { Index = 0 },
            new("unknown_category", "No category named ''.", "[2].categoryName") { Index = 2 },
            new("unknown_category", "No category named 'Nope'.", "[1].categoryName") { Index = 1 },
            new("duplicate_voucher", "Twice.", "[1].vouchers[1]") { Index = 1 },
        ];

        var merged = ProductErrors.WithUnresolvedNames(values, fromStore);

        Assert.Equal([("out_of_range", "[0].price"), ("unknown_category", "[1].categoryName"), ("required", "[2].categoryName")],
            merged.Select(e => (e.Code, e.Field)));
    }
}
