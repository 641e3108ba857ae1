using System.Text;
using System.Text.Json.Nodes;
using ReturningAi.Products.Csv;

namespace ReturningAi.Products.Tests;

/// <summary>Names in the create object are read in Unicode NFC, and invisible or control characters in them are refused.</summary>
public sealed class ProductNamesTests
{
    private const string Decomposed = "Cafe\u0301";
    private const string Composed = "Caf\u00e9";

    [Fact]
    public void JSON_names_are_read_in_NFC()
    {
        var body = Bodies.Minimal().With("name", $" {Decomposed} ").With("categoryName", Decomposed).With("purchaseStatusOverrideName", Decomposed)
            .With("productPermission", new JsonArray(new JsonObject
            {
                ["type"] = "combination",
                ["permission"] = new JsonObject
                {
                    ["roleNames"] = new JsonArray(Decomposed),
                    ["combination"] = new JsonArray(new JsonObject { ["type"] = "tag", ["values"] = new JsonArray(Decomposed) }),
                },
            }));

        var product = Assert.Single(ProductJsonReader.ReadBulk(Bodies.Array(body)).Products);

        Assert.Equal((Composed, Composed, Composed), (product.Name, product.CategoryName, product.PurchaseStatusOverrideName));
        Assert.Equal(Composed, product.ProductPermission[0].Permission.RoleNames[0]);
        Assert.Equal(Composed, product.ProductPermission[0].Permission.Combination[0].Values[0]);
    }

    [Theory]
    [InlineData("name", "Gift\u200b")]
    [InlineData("name", "\u202egnp.exe")]
    [InlineData("categoryName", "\ufeffCards")]
    [InlineData("name", "Two\tcolumns")]
    [InlineData("productPermission[0].permission.roleNames[0]", "VIP\u200d")]
    public void JSON_names_with_format_or_control_characters_are_invalid_character(string field, string value)
    {
        var body = Bodies.Minimal().With("productPermission", new JsonArray(new JsonObject
        {
            ["type"] = "role", ["permission"] = new JsonObject { ["roleNames"] = new JsonArray("VIP") },
        })).With(field, value);

        var error = Assert.Single(ProductJsonReader.ReadBulk(Bodies.Array(body)).Errors);

        Assert.Equal(("invalid_character", "[0]." + field), (error.Code, error.Field));
    }

    [Fact]
    public void CSV_names_are_read_in_NFC_and_format_characters_are_refused_at_their_row_and_column()
    {
        var good = ProductCsvReader.Read(Encoding.UTF8.GetBytes($"Name,Price,Category Name,Permission Type,Tags\n{Decomposed},1,{Decomposed},tag,\"{Decomposed}, x\"\n")).Products;
        var bad = ProductCsvReader.Read(Encoding.UTF8.GetBytes("Name,Price,Category Name,Permission Type,Tags\nGift,1,Cards,tag,x\n,,,tag,\"ok,b\u200bad\"\n")).Products;

        Assert.True(good.Succeeded, string.Join("; ", good.Errors.Select(e => e.Message)));
        Assert.Equal((Composed, Composed, Composed), (good.Products[0].Name, good.Products[0].CategoryName, good.Products[0].ProductPermission[0].Permission.TagNames[0]));
        var error = Assert.Single(bad.Errors);
        Assert.Equal(("invalid_character", "[0].productPermission[1].permission.tagNames[1]", 3, "Tags"), (error.Code, error.Field, error.Row, error.Column));
    }
}
