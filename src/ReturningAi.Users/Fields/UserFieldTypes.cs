namespace ReturningAi.Users.Fields;

/// <summary>The value types a custom user field can have, and the docs' other names for them.</summary>
public static class UserFieldTypes
{
    public const string Text = "text";
    public const string Number = "number";
    public const string Boolean = "boolean";
    public const string Date = "date";
    public const string Select = "select";
    public const string MultiSelect = "multi_select";

    public static IReadOnlyList<string> All { get; } = [Text, Number, Boolean, Date, Select, MultiSelect];

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        [Text] = Text,
        ["single-line-text"] = Text,
        ["multi-line-text"] = Text,
        [Number] = Number,
        ["numerical"] = Number,
        [Boolean] = Boolean,
        [Date] = Date,
        [Select] = Select,
        [MultiSelect] = MultiSelect,
    };

    /// <summary>Every name a partner may send, aliases included (for the API document).</summary>
    public static IReadOnlyList<string> AcceptedNames { get; } = [.. Names.Keys];

    /// <summary>The stored name of a type (an alias becomes the first name), or null when it is no type.</summary>
    public static string? Canonical(string name) => Names.GetValueOrDefault(name.Trim());

    public static bool HasOptions(string type) => type is Select or MultiSelect;

    /// <summary>Only values that identify someone can be unique: text and numbers.</summary>
    public static bool SupportsUnique(string type) => type is Text or Number;
}
