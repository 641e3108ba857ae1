using System.Text;
using System.Text.Json.Nodes;
using ReturningAi.Contracts.Products;
using ReturningAi.Products.Csv;

namespace ReturningAi.Products.Tests;

/// <summary>The bounds of CONTRACT.md section 8 on permission entries, in both readers and in the rules the store re-applies.</summary>
public sealed class PermissionBoundsTests
{
    private static JsonObject Entry(int roles = 1, int combinationItems = 0, int combinationValues = 1) => new()
    {
        ["type"] = "role",
        ["permission"] = new JsonObject
        {
            ["roleNames"] = Values("r", roles),
            ["combination"] = new JsonArray([.. Enumerable.Range(0, combinationItems).Select(_ =>
                (JsonNode)new JsonObject { ["type"] = "tag", ["values"] = Values("t", combinationValues) })]),
        },
    };

    private static JsonArray Values(string prefix, int count) => new([.. Enumerable.Range(0, count).Select(i => (JsonNode)$"{prefix}{i}")]);

    private static ProductsReadResult ReadJson(params JsonObject[] entries) =>
        ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal().With("productPermission", new JsonArray([.. entries]))));

    [Fact]
    public void JSON_at_every_bound_is_read()
    {
        var result = ReadJson([.. Enumerable.Range(0, PermissionRules.MaxEntries - 1).Select(_ => Entry()),
            Entry(roles: PermissionRules.MaxValuesPerList, combinationItems: PermissionRules.MaxCombinationItems, combinationValues: PermissionRules.MaxValuesPerList)]);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var last = result.Products[0].ProductPermission[^1].Permission;
        Assert.Equal((100, 20, 100), (last.RoleNames.Count, last.Combination.Count, last.Combination[^1].Values.Count));
    }

    [Fact]
    public void JSON_with_51_entries_is_too_many_items_naming_the_list()
    {
        var result = ReadJson([.. Enumerable.Range(0, 51).Select(_ => Entry())]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("too_many_items", "[0].productPermission", 0), (error.Code, error.Field, error.Index));
    }

    [Theory]
    [InlineData(101, 0, 1, "[0].productPermission[0].permission.roleNames")]
    [InlineData(1, 21, 1, "[0].productPermission[0].permission.combination")]
    [InlineData(1, 1, 101, "[0].productPermission[0].permission.combination[0].values")]
    public void JSON_lists_over_their_bound_are_too_many_items_naming_the_field(int roles, int items, int values, string field)
    {
        var result = ReadJson(Entry(roles, items, values));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("too_many_items", field), (error.Code, error.Field));
    }

    [Fact]
    public void The_rules_the_store_applies_bound_entries_read_by_anyone()
    {
        var entry = new PermissionEntry(false, "combination",
            new PermissionTargets([.. Enumerable.Range(0, 101).Select(i => $"r{i}")], [], [],
                [.. Enumerable.Range(0, 21).Select(_ => new CombinationItem("tag", ["t"]))]),
            PurchaseAccess.Default, PurchaseLimit.Default, "full-access", false);
        var product = ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal())).Products[0];
        var errors = new List<Contracts.Http.ErrorItem>();

        ProductRules.Validate(product with { ProductPermission = [entry] }, new ProductErrors(errors));
        ProductRules.Validate(product with { ProductPermission = [.. Enumerable.Repeat(entry with { Permission = PermissionTargets.Empty }, 51)] }, new ProductErrors(errors));

        Assert.Equal(
            [("too_many_items", "productPermission[0].permission.roleNames"), ("too_many_items", "productPermission[0].permission.combination"),
             ("too_many_items", "productPermission")],
            errors.Select(e => (e.Code, e.Field!)));
    }

    [Fact]
    public void CSV_continuation_rows_past_50_entries_are_too_many_items_at_the_row_of_the_51st()
    {
        var csv = new StringBuilder("Name,Price,Category Name,Permission Type,Roles\nGift,5,Cards,role,Gold\n");
        for (var i = 0; i < 10_000; i++) csv.Append(",,,role,Gold\n");

        var result = ProductCsvReader.Read(Encoding.UTF8.GetBytes(csv.ToString())).Products;

        var error = Assert.Single(result.Errors);
        Assert.Equal(("too_many_items", "[0].productPermission", 52), (error.Code, error.Field, error.Row));
    }

    [Fact]
    public void A_CSV_cell_of_more_than_100_names_is_too_many_items_at_its_row_and_column()
    {
        var roles = string.Join(",", Enumerable.Range(0, 101).Select(i => $"r{i}"));
        var csv = $"Name,Price,Category Name,Permission Type,Roles\nGift,5,Cards,role,\"r\"\n,,,role,\"{roles}\"\n";

        var error = Assert.Single(ProductCsvReader.Read(Encoding.UTF8.GetBytes(csv)).Products.Errors);

        Assert.Equal(("too_many_items", "[0].productPermission[1].permission.roleNames", 3, "Roles"), (error.Code, error.Field, error.Row, error.Column));
    }

    [Fact]
    public void A_CSV_cell_of_100_names_and_empty_values_is_read()
    {
        var roles = string.Join(", ,", Enumerable.Range(0, 100).Select(i => $"r{i}"));
        var csv = $"Name,Price,Category Name,Permission Type,Combination Type,Combination Values\nGift,5,Cards,combination,role,\"{roles}\"\n";

        var result = ProductCsvReader.Read(Encoding.UTF8.GetBytes(csv)).Products;

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(100, result.Products[0].ProductPermission[0].Permission.Combination[0].Values.Count);
    }
}
