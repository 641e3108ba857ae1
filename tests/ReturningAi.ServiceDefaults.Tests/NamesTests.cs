using System.Text;
using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Tests;

/// <summary>The one rule of readable names: stored in NFC, compared case-insensitively, free of control and format characters.</summary>
public sealed class NamesTests
{
    [Theory]
    [InlineData("Cafe\u0301", "Caf\u00e9")]
    [InlineData("\u212b", "\u00c5")] // the Angstrom sign is canonically the letter
    [InlineData("\u1100\u1161", "\uac00")] // Hangul jamo compose
    [InlineData(" Gold ", "Gold")]
    public void Names_are_stored_trimmed_in_NFC_including_non_ASCII(string raw, string stored)
    {
        Assert.Equal(stored, NameKey.Canonical(raw));
        Assert.True(NameKey.Canonical(raw).IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Normalization_works_in_this_runtime_so_services_start()
    {
        NameKey.EnsureNormalizationWorks();
        Assert.Equal(NameKey.Normalize("CAFE\u0301"), NameKey.Normalize("caf\u00e9"));
    }

    [Theory]
    [InlineData("a\u200bb")]
    [InlineData("\u202eabc")]
    [InlineData("\ufeffabc")]
    [InlineData("a\u00adb")] // soft hyphen, Cf
    [InlineData("a\tb")]
    [InlineData("a\u0085b")] // C1 control
    [InlineData("a\0b")]
    public void Format_and_control_characters_are_not_allowed_in_names(string name) =>
        Assert.False(TextCharacters.AreAllowedInName(name));

    [Theory]
    [InlineData("Caf\u00e9 \u00e0 la cr\u00e8me")]
    [InlineData("\u65e5\u672c")]
    [InlineData("\ud83c\udf81 Gifts")]
    [InlineData("O'Brien-Smith (VIP)")]
    public void Ordinary_names_of_any_script_are_allowed(string name) => Assert.True(TextCharacters.AreAllowedInName(name));

    [Fact]
    public void ReadName_and_ReadNames_give_NFC_and_report_each_bad_item()
    {
        var errors = new List<ErrorItem>();
        var fields = new JsonFields(JsonDocument.Parse("""{"a": " Cafe\u0301 ", "b": "x\u200by", "c": ["Cafe\u0301", "z\ufeff", 5]}""").RootElement, errors);

        Assert.Equal("Caf\u00e9", fields.ReadName("a", required: true));
        Assert.Null(fields.ReadName("b", required: true));
        Assert.Equal(["Caf\u00e9"], fields.ReadNames("c", maxCount: 3));
        Assert.Equal([("invalid_character", "b"), ("invalid_character", "c[1]"), ("invalid_type", "c[2]")], errors.Select(e => (e.Code, e.Field!)));
    }

    [Fact]
    public void ReadNames_over_its_bound_is_too_many_items_and_reads_nothing()
    {
        var errors = new List<ErrorItem>();
        var fields = new JsonFields(JsonDocument.Parse("""{"c": ["a", "b", "c"]}""").RootElement, errors);

        Assert.Null(fields.ReadNames("c", maxCount: 2));
        Assert.Equal(("too_many_items", "c"), (Assert.Single(errors).Code, errors[0].Field));
    }
}
