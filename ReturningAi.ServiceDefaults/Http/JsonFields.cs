using System.Globalization;
using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>
/// Reads the fields of one JSON object and collects every problem as a contract error item, so a
/// request hears of all its mistakes at once. <c>path</c> prefixes each field name (e.g. <c>[3].</c>)
/// and <c>index</c>, when set, is stamped on each item (the position in a JSON array body).
/// An absent field and JSON null both mean "use the default". Names read may share one <see cref="NamePool"/>.
/// </summary>
public sealed class JsonFields(JsonElement obj, List<ErrorItem> errors, string path = "", int? index = null, NamePool? names = null)
{
    public List<ErrorItem> Errors => errors;

    public string Path => path;

    public bool Has(string name) => obj.TryGetProperty(name, out _);

    /// <summary>Sent with a value other than JSON null.</summary>
    public bool IsSet(string name) => obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string FieldPath(string name) => path + name;

    /// <summary>The value as sent (any JSON kind, cloned); <c>Undefined</c> when absent.</summary>
    public JsonElement ReadRaw(string name) => obj.TryGetProperty(name, out var value) ? value.Clone() : default;

    public void Add(string code, string name, string message) =>
        errors.Add(new ErrorItem(code, message, FieldPath(name)) { Index = index });

    /// <summary>A string, trimmed; null when absent or JSON null (and reported when required).</summary>
    public string? ReadString(string name, bool required, int minLength = 0, int maxLength = int.MaxValue)
    {
        if (!TryGetValue(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Add("invalid_type", name, $"{FieldPath(name)} must be a string.");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (!TextCharacters.AreAllowed(text))
        {
            Add("invalid_character", name, $"{FieldPath(name)} {TextCharacters.Rule}.");
            return null;
        }

        return CheckLength(name, text, minLength, maxLength);
    }

    /// <summary>
    /// A readable name (of a category, role, tag, user, status, product): trimmed and in Unicode NFC, free of
    /// control and format characters; null when absent or JSON null (and reported when required).
    /// </summary>
    public string? ReadName(string name, bool required, int minLength = 0, int maxLength = int.MaxValue)
    {
        if (!TryGetValue(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Add("invalid_type", name, $"{FieldPath(name)} must be a string.");
            return null;
        }

        var text = value.GetString()!;
        if (!TextCharacters.AreAllowedInName(text.AsSpan().Trim()))
        {
            Add("invalid_character", name, $"{FieldPath(name)} {TextCharacters.NameRule}.");
            return null;
        }

        return CheckLength(name, Pooled(NameKey.Canonical(text)), minLength, maxLength);
    }

    /// <summary>
    /// An array of readable names (see <see cref="ReadName"/>); null when absent or JSON null. More than
    /// <paramref name="maxCount"/> items is reported as <c>too_many_items</c> without reading any of them.
    /// </summary>
    public IReadOnlyList<string>? ReadNames(string name, int maxCount)
    {
        if (!TryGetArray(name, "an array of strings", maxCount, out var value)) return null;
        var items = new List<string>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) Add("invalid_type", $"{name}[{i}]", $"{FieldPath(name)}[{i}] must be a string.");
            else if (!TextCharacters.AreAllowedInName(item.GetString().AsSpan().Trim())) Add("invalid_character", $"{name}[{i}]", $"{FieldPath(name)}[{i}] {TextCharacters.NameRule}.");
            else items.Add(Pooled(NameKey.Canonical(item.GetString()!)));
            i++;
        }

        return items;
    }

    /// <summary>An array of strings (each trimmed when <paramref name="trim"/>); null when absent or JSON null.</summary>
    public IReadOnlyList<string>? ReadStringArray(string name, bool required, bool trim = false)
    {
        if (!TryGetValue(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Add("invalid_type", name, $"{FieldPath(name)} must be an array of strings.");
            return null;
        }

        var items = new List<string>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) Add("invalid_type", $"{name}[{i}]", $"{FieldPath(name)}[{i}] must be a string.");
            else if (!TextCharacters.AreAllowed(item.GetString())) Add("invalid_character", $"{name}[{i}]", $"{FieldPath(name)}[{i}] {TextCharacters.Rule}.");
            else items.Add(trim ? item.GetString()!.Trim() : item.GetString()!);
            i++;
        }

        return items;
    }

    /// <summary>An ISO-8601 date-time or null. <c>present</c> tells whether the field was sent at all.</summary>
    public DateTimeOffset? ReadDateTime(string name, out bool present, bool allowEmptyString = false)
    {
        present = obj.TryGetProperty(name, out var value);
        if (!present || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (allowEmptyString && text.Length == 0) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return parsed;
            }
        }

        Add("invalid_date", name, $"{FieldPath(name)} must be an ISO-8601 date-time or null.");
        return null;
    }

    public bool ReadBool(string name, bool fallback = false)
    {
        if (!TryGetValue(name, required: false, out var value)) return fallback;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Add("invalid_type", name, $"{FieldPath(name)} must be true or false.");
        return fallback;
    }

    /// <summary>A number that fits a decimal (so not <c>1e400</c>); the fallback when absent.</summary>
    public decimal ReadDecimal(string name, bool required, decimal fallback = 0)
    {
        if (!TryGetValue(name, required, out var value)) return fallback;
        if (value.ValueKind != JsonValueKind.Number)
        {
            Add("invalid_type", name, $"{FieldPath(name)} must be a number.");
            return fallback;
        }

        if (value.TryGetDecimal(out var number)) return number;
        Add("invalid_number", name, $"{FieldPath(name)} is out of range.");
        return fallback;
    }

    /// <summary>A whole number within 32 bits; the fallback when absent.</summary>
    public int ReadInt(string name, int fallback)
    {
        if (!TryGetValue(name, required: false, out var value)) return fallback;
        if (value.ValueKind != JsonValueKind.Number)
        {
            Add("invalid_type", name, $"{FieldPath(name)} must be an integer.");
            return fallback;
        }

        if (value.TryGetInt32(out var number)) return number;
        Add("invalid_integer", name, $"{FieldPath(name)} must be a whole number within 32 bits.");
        return fallback;
    }

    /// <summary>A nested object's reader; null when absent, JSON null or not an object (reported).</summary>
    public JsonFields? ReadObject(string name)
    {
        if (!TryGetValue(name, required: false, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Object) return new JsonFields(value, errors, $"{FieldPath(name)}.", index, names);
        Add("invalid_type", name, $"{FieldPath(name)} must be an object.");
        return null;
    }

    /// <summary>
    /// The readers of an array of objects; null when absent or JSON null, wrong items reported. More than
    /// <paramref name="maxCount"/> items is reported as <c>too_many_items</c> without reading any of them.
    /// </summary>
    public IReadOnlyList<JsonFields>? ReadObjectArray(string name, int maxCount = int.MaxValue)
    {
        if (!TryGetArray(name, "an array", maxCount, out var value)) return null;
        var items = new List<JsonFields>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object) items.Add(new JsonFields(item, errors, $"{FieldPath(name)}[{i}].", index, names));
            else Add("invalid_type", $"{name}[{i}]", $"{FieldPath(name)}[{i}] must be an object.");
            i++;
        }

        return items;
    }

    private bool TryGetArray(string name, string what, int maxCount, out JsonElement value)
    {
        if (!TryGetValue(name, required: false, out value)) return false;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Add("invalid_type", name, $"{FieldPath(name)} must be {what}.");
            return false;
        }

        if (value.GetArrayLength() > maxCount)
        {
            Add("too_many_items", name, $"{FieldPath(name)} may hold at most {maxCount} items; it has {value.GetArrayLength()}.");
            return false;
        }

        return true;
    }

    private string Pooled(string name) => names?.Get(name) ?? name;

    private string? CheckLength(string name, string text, int minLength, int maxLength)
    {
        if (text.Length >= minLength && text.Length <= maxLength) return text;
        Add("invalid_length", name, $"{FieldPath(name)} must be {minLength}–{maxLength} characters long after trimming.");
        return null;
    }

    private bool TryGetValue(string name, bool required, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        if (required) Add("required", name, $"{FieldPath(name)} is required.");
        return false;
    }
}
