using System.Text.Json;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Products.Tests;

public sealed class VoucherCodesTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("A-1,B-2")]
    [InlineData(" A-1 ,, B-2 ,")]
    [InlineData(",,\t,")]
    [InlineData("")]
    [InlineData("  single  ")]
    [InlineData("x,\u00e9t\u00e9, \u2003y\u2003 ,z")]
    public void A_cell_splits_into_the_codes_string_Split_gives(string cell)
    {
        var expected = cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        var codes = VoucherCodes.Split(cell, ',');

        Assert.Equal(expected, codes);
        Assert.Equal(expected.Length, codes.Count);
        for (var i = 0; i < codes.Count; i++) Assert.Equal(expected[i], codes.CodeAt(i).ToString());
    }

    [Fact]
    public void A_code_outside_the_list_is_refused()
    {
        var codes = VoucherCodes.Split("A,B", ',');

        Assert.Throws<ArgumentOutOfRangeException>(() => codes.CodeAt(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => codes[-1]);
    }

    [Fact]
    public void Codes_cross_the_bus_as_a_plain_array_and_come_back_as_one_text()
    {
        var input = With(VoucherCodes.Split("A-1, \"quoted\" ,back\\slash,\u00e9\u00e8,\U0001F600", ','));

        var json = JsonSerializer.Serialize(input, Json);
        var read = JsonSerializer.Deserialize<ProductInput>(json, Json)!;

        Assert.Contains("\"vouchers\":[\"A-1\",\"\\u0022quoted\\u0022\",\"back\\\\slash\",", json, StringComparison.Ordinal);
        Assert.IsType<VoucherCodes>(read.Vouchers);
        Assert.Equal(["A-1", "\"quoted\"", "back\\slash", "\u00e9\u00e8", "\U0001F600"], read.Vouchers);
    }

    [Fact]
    public void A_list_of_strings_is_written_alike_and_an_empty_or_missing_array_reads_as_no_codes()
    {
        var fromList = JsonSerializer.Serialize(With(["A", "B"]), Json);
        var fromCodes = JsonSerializer.Serialize(With(VoucherCodes.From(["A", "B"])), Json);

        Assert.Equal(fromList, fromCodes);
        Assert.Empty(JsonSerializer.Deserialize<ProductInput>(JsonSerializer.Serialize(With([]), Json), Json)!.Vouchers);
        Assert.Null(JsonSerializer.Deserialize<ProductInput>(fromList.Replace("[\"A\",\"B\"]", "null", StringComparison.Ordinal), Json)!.Vouchers);
    }

    [Fact]
    public void Anything_but_an_array_of_strings_is_refused_when_read()
    {
        var json = JsonSerializer.Serialize(With(["A"]), Json);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ProductInput>(json.Replace("[\"A\"]", "[1]", StringComparison.Ordinal), Json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ProductInput>(json.Replace("[\"A\"]", "\"A\"", StringComparison.Ordinal), Json));
    }

    [Fact]
    public void Many_codes_read_back_in_order()
    {
        var many = Enumerable.Range(0, 20_000).Select(i => $"CODE-{i:D6}").ToArray();

        var read = JsonSerializer.Deserialize<ProductInput>(JsonSerializer.Serialize(With(many), Json), Json)!;

        Assert.Equal(many, read.Vouchers);
    }

    [Fact]
    public void Rules_and_duplicates_read_codes_held_as_one_text_as_they_read_strings()
    {
        var errors = new List<ReturningAi.Contracts.Http.ErrorItem>();
        ProductRules.ValidateVouchers(VoucherCodes.Split("ok,bad\u0001code," + new string('x', ProductRules.MaxVoucherCodeLength + 1), ','),
            DateTimeOffset.UtcNow, new ProductErrors(errors, "", null));
        var duplicates = VoucherDuplicates.Find([With(VoucherCodes.Split("A,B", ',')), With(["C", "B"]), With(VoucherCodes.Split("B", ','))], isBulk: true);

        Assert.Equal(["vouchers[1]", "vouchers[2]"], errors.Select(e => e.Field));
        Assert.Equal(["[1].vouchers[1]", "[2].vouchers[0]"], duplicates.Select(e => e.Field));
        Assert.All(duplicates, d => Assert.Contains("'B'", d.Message, StringComparison.Ordinal));
        Assert.All(duplicates, d => Assert.Contains("first at [0].vouchers[1]", d.Message, StringComparison.Ordinal));
    }

    private static ProductInput With(IReadOnlyList<string> codes) =>
        ProductJsonReader.ReadBulk(Bodies.Array(Bodies.Minimal())).Products[0] with { Vouchers = codes };
}
