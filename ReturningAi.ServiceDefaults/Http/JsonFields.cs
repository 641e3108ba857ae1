using System.Globalization;
using System.Text.Json;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>
/// Reads the fields of one JSON object and collects every problem as a contract error item, so a
/// request hears of all its mistakes at once. <c>path</c> prefixes each field name (e.g. <c>[3].</c>).
/// </summary>
public sealed class JsonFields(JsonElement obj, List<ErrorItem> errors, string path = "")
{
    public List<ErrorItem> Errors => errors;

    public bool Has(string name) => obj.TryGetProperty(name, out _);

    public string FieldPath(string name) => path + name;

    public void Add(string code, string name, string message) => errors.Add(new ErrorItem(code, message, FieldPath(name)));

    /// <summary>A string, trimmed; null when absent or JSON null (and reported when required).</summary>
    public string? ReadString(string name, bool required, int minLength = 0, int maxLength = int.MaxValue)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Add("required", name, $"{name} is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Add("invalid_type", name, $"{name} must be a string.");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length < minLength || text.Length > maxLength)
        {
            Add("invalid_length", name, minLength == maxLength
                ? $"{name} must be {minLength} characters long."
                : $"{name} must be {minLength}–{maxLength} characters long after trimming.");
            return null;
        }

        return text;
    }

    /// <summary>An array of strings; null when absent or JSON null (and reported when required).</summary>
    public IReadOnlyList<string>? ReadStringArray(string name, bool required)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Add("required", name, $"{name} is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add("invalid_type", name, $"{name} must be an array of strings.");
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) items.Add(item.GetString()!);
            else Add("invalid_type", $"{name}[{index}]", $"{name}[{index}] must be a string.");
            index++;
        }

        return items;
    }

    /// <summary>An ISO-8601 date-time or null. <c>present</c> tells whether the field was sent at all.</summary>
    public DateTimeOffset? ReadDateTime(string name, out bool present)
    {
        present = obj.TryGetProperty(name, out var value);
        if (!present || value.ValueKind == JsonValueKind.Null) return null;

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        Add("invalid_date", name, $"{name} must be an ISO-8601 date-time or null.");
        return null;
    }
}
