using System.Text;
using System.Text.Json;
using ReturningAi.Contracts.Products;
using ReturningAi.Products.Csv;

namespace ReturningAi.Products.Tests;

public sealed class ProductCsvReaderTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly byte[] Specials = Encoding.UTF8.GetBytes("\",\n\r;x0é");

    private static CsvReadResult Read(string csv, bool bom = false) =>
        ProductCsvReader.Read((bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(csv)).ToArray());

    private static IReadOnlyList<ProductInput> Products(string csv)
    {
        var result = Read(csv).Products;
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Code} row {e.Row} {e.Column}: {e.Message}")));
        return result.Products;
    }

    private static Contracts.Http.ErrorItem SingleError(string csv) => Assert.Single(Read(csv).Products.Errors);

    [Fact]
    public void The_template_imports_as_it_is_to_the_page_example_plus_a_continuation_entry()
    {
        var product = Assert.Single(Products(ProductCsvTemplate.Build()));
        var page = ProductJsonReader.ReadBulk(Bodies.Parse(Bodies.PageExample)).Products[0];

        Assert.Equal(2, product.ProductPermission.Count);
        Assert.Equal(("tag", "view-only"), (product.ProductPermission[1].Type, product.ProductPermission[1].AccessLevel));
        Assert.Equal(["Early Access"], product.ProductPermission[1].Permission.TagNames);
        var expected = page with { ProductPermission = [page.ProductPermission[0], product.ProductPermission[1]], VoucherExpireDate = product.VoucherExpireDate };
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(product, Json));
    }

    [Fact]
    public void Continuation_rows_append_permission_entries_with_roles_tags_users_and_a_combination()
    {
        var csv = """
            Name,Price,Category Name,Permission Type,Roles,Tags,Users,Combination Type,Combination Values,Access Level
            Gift,5,Cards,role,"Gold, Silver",,,,,
            ,,,tag,,"Early Access,  Beta ,",,,,view-only
            ,,,user,,,"alex,bo",,,
            ,,,combination,,,,tag,"Early Access,Beta",
            Other,1,Cards,,,,,,,
            """;

        var products = Products(csv);

        Assert.Equal(2, products.Count);
        var entries = products[0].ProductPermission;
        Assert.Equal(["role", "tag", "user", "combination"], entries.Select(e => e.Type));
        Assert.Equal(["Gold", "Silver"], entries[0].Permission.RoleNames);
        Assert.Equal(["Early Access", "Beta"], entries[1].Permission.TagNames);
        Assert.Equal("view-only", entries[1].AccessLevel);
        Assert.Equal(["alex", "bo"], entries[2].Permission.Usernames);
        var combination = Assert.Single(entries[3].Permission.Combination);
        Assert.Equal("tag", combination.Type);
        Assert.Equal(["Early Access", "Beta"], combination.Values);
        Assert.Empty(products[1].ProductPermission);
    }

    [Fact]
    public void Quoted_commas_quotes_and_line_breaks_CRLF_BOM_and_non_ASCII_survive()
    {
        var csv = "name,PRICE,category name,Description,Vouchers,Voucher Expire Date\r\n"
                  + "\"Café, \"\"deluxe\"\"\",12.5,Cartes cadeau,\"line one\r\nline two\",\"A-1,B-2\",2030-01-01T00:00:00Z\r\n"
                  + "Ünïcødé ✓,0,Cards,,,\r\n";

        var products = Read(csv, bom: true).Products.Products;

        Assert.Equal(2, products.Count);
        Assert.Equal("Café, \"deluxe\"", products[0].Name);
        Assert.Equal(12.5m, products[0].Price);
        Assert.Equal("line one\r\nline two", products[0].Description);
        Assert.Equal(["A-1", "B-2"], products[0].Vouchers);
        Assert.Equal("Ünïcødé ✓", products[1].Name);
    }

    [Fact]
    public void Errors_name_the_physical_row_where_the_record_starts_and_its_column()
    {
        var csv = "Name,Description,Price,Category Name\n"
                  + "First,\"two\nlines\",1,Cards\n"
                  + "Second,,ten,Cards\n";

        var error = SingleError(csv);

        Assert.Equal(("invalid_number", 4, "Price", "[1].price"), (error.Code, error.Row, error.Column, error.Field));
        Assert.Null(error.Index);
    }

    [Fact]
    public void Rule_errors_of_permission_entries_point_at_their_continuation_row()
    {
        var csv = "Name,Price,Category Name,Permission Type,Purchase Limit Quantity\n"
                  + "Gift,1,Cards,role,1\n"
                  + ",,,tag,0\n";

        var error = SingleError(csv);

        Assert.Equal(("out_of_range", 3, "Purchase Limit Quantity", "[0].productPermission[1].purchaseLimit.quantity"),
            (error.Code, error.Row, error.Column, error.Field));
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    [InlineData("NO", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void Booleans_take_any_case_of_true_false_yes_no_1_0(string cell, bool value) =>
        Assert.Equal(value, Products($"Name,Price,Category Name,Archived\nGift,1,Cards,{cell}\n")[0].IsArchived);

    [Fact]
    public void A_bad_boolean_is_reported() =>
        Assert.Equal(("invalid_boolean", "Archived"), (SingleError("Name,Price,Category Name,Archived\nGift,1,Cards,maybe\n").Code, SingleError("Name,Price,Category Name,Archived\nGift,1,Cards,maybe\n").Column));

    [Fact]
    public void Empty_cells_take_defaults_and_blank_lines_are_skipped()
    {
        var products = Products("Name,Price,Category Name,Expiring Highlight Duration,Vouchers\n\nGift,1,Cards,,\n\n\n");

        var product = Assert.Single(products);
        Assert.Equal(7, product.ExpiringVoucherHighlight.Duration);
        Assert.Empty(product.Vouchers);
    }

    [Theory]
    [InlineData("Name,Price,Category Name\n", "empty", null, null)]
    [InlineData("Name,Price,Category Name\n\n\n", "empty", null, null)]
    [InlineData("Name,Price,Category Name\n,,\n,1,Cards\n", "continuation_without_product", 3, null)]
    [InlineData("Name,Price,Colour\nGift,1,red\n", "unknown_column", 1, "Colour")]
    [InlineData("Name,Price,price\nGift,1,1\n", "duplicate_column", 1, "Price")]
    [InlineData("Price,Category Name\n1,Cards\n", "missing_column", 1, "Name")]
    [InlineData("Name,Price,Category Name,Roles\nGift,1,Cards,\n,2,,Gold\n", "continuation_has_product_fields", 3, "Price")]
    public void File_level_problems_are_400_with_their_row_and_column(string csv, string code, int? row, string? column)
    {
        var error = SingleError(csv);

        Assert.Equal((code, row, column), (error.Code, error.Row, error.Column));
    }

    [Fact]
    public void A_missing_price_column_is_an_error_on_every_product()
    {
        var errors = Read("Name,Category Name\nA,Cards\nB,Cards\n").Products.Errors;

        Assert.Equal([("[0].price", 2), ("[1].price", 3)], errors.Select(e => (e.Field!, e.Row!.Value)));
    }

    [Fact]
    public void More_than_100_products_is_too_many()
    {
        var csv = "Name,Price,Category Name\n" + string.Concat(Enumerable.Range(0, 101).Select(i => $"P{i},1,Cards\n"));

        var error = SingleError(csv);

        Assert.Equal(("too_many_products", 102), (error.Code, error.Row));
        Assert.Equal(100, Products("Name,Price,Category Name\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"P{i},1,Cards\n"))).Count);
    }

    [Theory]
    [InlineData("bad\0text")]
    [InlineData("bell\a")]
    [InlineData("escape\u001b[2J")]
    public void A_control_character_in_a_cell_is_reported_with_its_row_and_column(string description)
    {
        var error = SingleError($"Name,Price,Category Name,Description\nGift,1,Cards,{description}\n");

        Assert.Equal(("invalid_character", 2, "Description"), (error.Code, error.Row, error.Column));
    }

    [Fact]
    public void Invalid_UTF8_is_reported_with_its_row()
    {
        var bytes = Encoding.UTF8.GetBytes("Name,Price,Category Name\nGift,1,Cards\nBad").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(",1,Cards\n")).ToArray();

        var error = Assert.Single(ProductCsvReader.Read(bytes).Products.Errors);

        Assert.Equal(("invalid_encoding", 3), (error.Code, error.Row));
    }

    [Fact]
    public void Store_errors_are_located_by_the_layout()
    {
        var layout = Read("Name,Price,Category Name,Tags\nGift,1,Nope,\n,,,Ghost\n").Layout;

        var category = layout.Locate(new Contracts.Http.ErrorItem("unknown_category", "x", "[0].categoryName") { Index = 0 });
        var tag = layout.Locate(new Contracts.Http.ErrorItem("unknown_tag", "x", "[0].productPermission[0].permission.tagNames[0]") { Index = 0 });

        Assert.Equal((2, "Category Name", (int?)null), (category.Row, category.Column, category.Index));
        Assert.Equal((3, "Tags"), (tag.Row, tag.Column));
    }

    [Fact]
    public void Randomly_mutated_files_never_throw()
    {
        var random = new Random(20261125);
        var seed = Encoding.UTF8.GetBytes(ProductCsvTemplate.Build());
        for (var i = 0; i < 3000; i++)
        {
            var bytes = seed.ToList();
            for (var m = random.Next(1, 12); m > 0; m--)
            {
                var at = random.Next(bytes.Count + 1);
                switch (random.Next(4))
                {
                    case 0 when bytes.Count > 0 && at < bytes.Count: bytes.RemoveAt(at); break;
                    case 1: bytes.Insert(at, Specials[random.Next(Specials.Length)]); break;
                    case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                    default: if (at < bytes.Count) bytes[at] = (byte)random.Next(256); break;
                }
            }

            var result = ProductCsvReader.Read(bytes.ToArray()).Products;
            Assert.True(result.Succeeded || result.Errors.Count > 0);
        }
    }
}
