using System.Globalization;
using System.Text.Json.Nodes;

namespace ReturningAi.Users.Fields;

/// <summary>
/// A custom field's value after validation and normalisation (see <see cref="UserFieldValueRules"/>):
/// exactly one member is set, according to <see cref="Type"/>. Cleared values are represented by null,
/// never by an instance.
/// </summary>
public sealed class FieldValue
{
    private FieldValue(string type) => Type = type;

    public string Type { get; }

    /// <summary>Text, or the chosen option of a select, as spelled in the field's options.</summary>
    public string? Text { get; private init; }

    public decimal? Number { get; private init; }

    public bool? Boolean { get; private init; }

    public DateOnly? Date { get; private init; }

    /// <summary>A multi-select's options, in the order of the field's options.</summary>
    public IReadOnlyList<string>? Options { get; private init; }

    public static FieldValue OfText(string text) => new(UserFieldTypes.Text) { Text = text };

    public static FieldValue OfSelect(string option) => new(UserFieldTypes.Select) { Text = option };

    public static FieldValue OfNumber(decimal number) => new(UserFieldTypes.Number) { Number = Normalize(number) };

    public static FieldValue OfBoolean(bool value) => new(UserFieldTypes.Boolean) { Boolean = value };

    public static FieldValue OfDate(DateOnly date) => new(UserFieldTypes.Date) { Date = date };

    public static FieldValue OfOptions(IReadOnlyList<string> options) => new(UserFieldTypes.MultiSelect) { Options = options };

    /// <summary>The value as JSON: a string, number, boolean, <c>"YYYY-MM-DD"</c> or an array of strings.</summary>
    public JsonNode ToJson() => Type switch
    {
        UserFieldTypes.Number => JsonValue.Create(Number!.Value),
        UserFieldTypes.Boolean => JsonValue.Create(Boolean!.Value),
        UserFieldTypes.Date => JsonValue.Create(Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        UserFieldTypes.MultiSelect => new JsonArray([.. Options!.Select(o => (JsonNode)JsonValue.Create(o))]),
        _ => JsonValue.Create(Text!),
    };

    /// <summary>One spelling per value, so that "is this write a change?" is a string comparison.</summary>
    public string Canonical => ToJson().ToJsonString();

    /// <summary>
    /// What uniqueness among users compares: text case-insensitively (as names are), numbers by value.
    /// Null for types that cannot be unique.
    /// </summary>
    public string? UniqueKey => Type switch
    {
        UserFieldTypes.Text => Text!.ToUpperInvariant(),
        UserFieldTypes.Number => Number!.Value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public static bool AreEqual(FieldValue? a, FieldValue? b) =>
        a is null ? b is null : b is not null && a.Canonical == b.Canonical;

    /// <summary>2.50 and 2.5 are one value: drop trailing zeros of the scale.</summary>
    private static decimal Normalize(decimal number) => number / 1.000000000000000000000000000000000m;
}
