using ReturningAi.Users.Fields;

namespace ReturningAi.Users.Tests;

public sealed class UserFieldValueRulesTests
{
    private static readonly UserFieldShape Text = new("nickname", UserFieldTypes.Text, []);
    private static readonly UserFieldShape Number = new("points", UserFieldTypes.Number, []);
    private static readonly UserFieldShape Boolean = new("vip", UserFieldTypes.Boolean, []);
    private static readonly UserFieldShape Date = new("birthday", UserFieldTypes.Date, []);
    private static readonly UserFieldShape Select = new("tier", UserFieldTypes.Select, ["Gold", "Silver", "Bronze"]);
    private static readonly UserFieldShape Multi = new("games", UserFieldTypes.MultiSelect, ["Chess", "Go", "Poker"]);

    private static FieldValue? Accept(UserFieldShape field, string json)
    {
        Assert.True(UserFieldValueRules.TryRead(field, Json.Parse(json), out var value, out var problem), problem);
        return value;
    }

    private static string Refuse(UserFieldShape field, string json)
    {
        Assert.False(UserFieldValueRules.TryRead(field, Json.Parse(json), out _, out var problem));
        Assert.Contains(field.Type, problem, StringComparison.Ordinal);
        return problem;
    }

    [Fact]
    public void Text_is_trimmed_and_line_ends_become_line_feeds()
    {
        Assert.Equal("a\nb\tc", Accept(Text, "'  a\\r\\nb\\tc  '")!.Text);
        Assert.Equal("x\ny", Accept(Text, "'x\\ry'")!.Text);
    }

    [Fact]
    public void Text_refuses_control_characters_over_long_values_and_other_json_kinds()
    {
        Refuse(Text, "'a\\u0007b'");
        Refuse(Text, "'" + new string('x', 1001) + "'");
        Assert.Equal(1000, Accept(Text, "'" + new string('x', 1000) + "'")!.Text!.Length);
        Refuse(Text, "12");
        Refuse(Text, "{}");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("''")]
    [InlineData("'   '")]
    [InlineData("[]")]
    public void Null_empty_text_and_empty_list_clear_every_type(string json)
    {
        foreach (var field in new[] { Text, Number, Boolean, Date, Select, Multi })
        {
            Assert.Null(Accept(field, json));
        }
    }

    [Fact]
    public void Numbers_are_finite_within_1e15_with_at_most_six_decimals()
    {
        Assert.Equal(2.5m, Accept(Number, "2.50")!.Number);
        Assert.Equal("2.5", Accept(Number, "2.50")!.Canonical);
        Assert.Equal(-1_000_000_000_000_000m, Accept(Number, "-1e15")!.Number);
        Assert.Equal(0.123456m, Accept(Number, "0.123456")!.Number);
        Refuse(Number, "1000000000000000.5");
        Refuse(Number, "0.1234567");
        Refuse(Number, "1e400");
        Refuse(Number, "'12'");
        Refuse(Number, "true");
    }

    [Fact]
    public void Booleans_are_json_booleans()
    {
        Assert.True(Accept(Boolean, "true")!.Boolean);
        Assert.False(Accept(Boolean, "false")!.Boolean);
        Refuse(Boolean, "'true'");
        Refuse(Boolean, "1");
    }

    [Fact]
    public void Dates_are_real_calendar_dates_written_yyyy_mm_dd()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), Accept(Date, "'2024-02-29'")!.Date);
        Assert.Equal("\"2024-02-29\"", Accept(Date, "'2024-02-29'")!.Canonical);
        Refuse(Date, "'2023-02-29'");
        Refuse(Date, "'2024-2-9'");
        Refuse(Date, "'2024-02-29T10:00:00Z'");
        Refuse(Date, "20240229");
    }

    [Fact]
    public void A_select_takes_one_option_case_insensitively_and_stores_its_spelling()
    {
        Assert.Equal("Gold", Accept(Select, "' gold '")!.Text);
        var problem = Refuse(Select, "'Platinum'");
        Assert.Contains("Gold, Silver, Bronze", problem, StringComparison.Ordinal);
        Refuse(Select, "['Gold']");
    }

    [Fact]
    public void A_multi_select_is_deduplicated_and_kept_in_the_order_of_the_options()
    {
        var value = Accept(Multi, "['poker', 'Chess', 'POKER']")!;
        Assert.Equal(["Chess", "Poker"], value.Options);
        Assert.Equal("[\"Chess\",\"Poker\"]", value.Canonical);
        Refuse(Multi, "['Chess', 'Backgammon']");
        Refuse(Multi, "'Chess'");
        Refuse(Multi, "[1]");
        Refuse(Multi, "[" + string.Join(",", Enumerable.Repeat("'Go'", 101)) + "]");
    }

    [Fact]
    public void Equal_values_after_normalisation_are_equal()
    {
        Assert.True(FieldValue.AreEqual(Accept(Number, "1.0"), Accept(Number, "1")));
        Assert.True(FieldValue.AreEqual(Accept(Multi, "['Go','Chess']"), Accept(Multi, "['chess','go']")));
        Assert.False(FieldValue.AreEqual(Accept(Text, "'a'"), Accept(Text, "'A'")));
        Assert.True(FieldValue.AreEqual(null, Accept(Text, "''")));
    }

    [Fact]
    public void Unique_keys_compare_text_case_insensitively_and_numbers_by_value()
    {
        Assert.Equal(Accept(Text, "'Abc-1'")!.UniqueKey, Accept(Text, "'aBC-1'")!.UniqueKey);
        Assert.Equal(Accept(Number, "10.0")!.UniqueKey, Accept(Number, "10")!.UniqueKey);
        Assert.Null(Accept(Boolean, "true")!.UniqueKey);
    }

    [Theory]
    [InlineData("number", "12.5", "12.5")]
    [InlineData("number", " -3 ", "-3")]
    [InlineData("boolean", "Yes", "true")]
    [InlineData("boolean", "0", "false")]
    [InlineData("date", "2025-12-31", "\"2025-12-31\"")]
    [InlineData("select", "silver", "\"Silver\"")]
    [InlineData("multi_select", "Go, chess,,", "[\"Chess\",\"Go\"]")]
    [InlineData("text", " hi ", "\"hi\"")]
    public void Text_cells_parse_by_type(string type, string cell, string canonical)
    {
        var field = new[] { Text, Number, Boolean, Date, Select, Multi }.Single(f => f.Type == type);
        Assert.True(UserFieldValueRules.TryParse(field, cell, out var value, out var problem), problem);
        Assert.Equal(canonical, value!.Canonical);
    }

    [Fact]
    public void Bad_text_cells_are_refused_and_empty_cells_clear()
    {
        Assert.False(UserFieldValueRules.TryParse(Number, "12,5", out _, out _));
        Assert.False(UserFieldValueRules.TryParse(Boolean, "maybe", out _, out _));
        Assert.False(UserFieldValueRules.TryParse(Date, "31/12/2025", out _, out _));
        Assert.True(UserFieldValueRules.TryParse(Number, "  ", out var cleared, out _));
        Assert.Null(cleared);
    }
}
