using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class JsonFieldsTests
{
    private static (JsonFields Fields, List<ErrorItem> Errors) Read(string json, string path = "")
    {
        var errors = new List<ErrorItem>();
        return (new JsonFields(JsonDocument.Parse(json).RootElement.Clone(), errors, path), errors);
    }

    [Fact]
    public void Strings_are_trimmed_and_checked_for_length()
    {
        var (fields, errors) = Read("""{"a": "  x  ", "b": "", "c": 5}""");

        Assert.Equal("x", fields.ReadString("a", required: true, 1, 10));
        Assert.Null(fields.ReadString("b", required: true, 1, 10));
        Assert.Null(fields.ReadString("c", required: false));
        Assert.Null(fields.ReadString("d", required: true));
        Assert.Equal(["invalid_length", "invalid_type", "required"], errors.Select(e => e.Code));
        Assert.Equal(["b", "c", "d"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("\\u0001")]
    [InlineData("\\u001b[31m")]
    [InlineData("\\u007f")]
    public void Control_characters_are_refused(string escaped)
    {
        var (fields, errors) = Read($$"""{"name": "a{{escaped}}b"}""");

        Assert.Null(fields.ReadString("name", required: true));
        Assert.Equal(("invalid_character", "name"), (Assert.Single(errors).Code, errors[0].Field));
    }

    [Fact]
    public void Tabs_and_line_breaks_are_text()
    {
        var (fields, errors) = Read("""{"name": "a\tb\r\nc"}""");

        Assert.Equal("a\tb\r\nc", fields.ReadString("name", required: true));
        Assert.Empty(errors);
    }

    [Fact]
    public void NUL_characters_are_refused_because_PostgreSQL_cannot_store_them()
    {
        var (fields, errors) = Read("""{"name": "a\u0000b", "tags": ["ok", "x\u0000"]}""");

        Assert.Null(fields.ReadString("name", required: true));
        Assert.Equal(["ok"], fields.ReadStringArray("tags", required: true));
        Assert.Equal([("invalid_character", "name"), ("invalid_character", "tags[1]")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Every_wrong_array_item_is_named_with_its_index_and_the_path_prefix()
    {
        var (fields, errors) = Read("""{"tags": ["a", 1, "b", false]}""", "[2].");

        Assert.Equal(["a", "b"], fields.ReadStringArray("tags", required: true));
        Assert.Equal(["[2].tags[1]", "[2].tags[3]"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Dates_tell_absent_from_null()
    {
        var (fields, errors) = Read("""{"n": null, "d": "2026-12-31T00:00:00.000Z", "bad": "tomorrow"}""");

        Assert.Null(fields.ReadDateTime("n", out var nullSent));
        Assert.True(nullSent);
        Assert.Null(fields.ReadDateTime("absent", out var absentSent));
        Assert.False(absentSent);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), fields.ReadDateTime("d", out _));
        Assert.Null(fields.ReadDateTime("bad", out _));
        Assert.Equal("bad", Assert.Single(errors).Field);
    }
}
