using System.Globalization;
using System.Text.Json;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Users.Fields;

/// <summary>
/// The value rules of custom user fields (users.md U6), for every way a value arrives: JSON bodies
/// (the API, the incoming webhook) and text cells (CSV imports). A value is valid and normalised, or
/// refused with a sentence naming the type; <c>null</c>, <c>""</c> and <c>[]</c> clear the value.
/// </summary>
public static class UserFieldValueRules
{
    public const int MaxTextLength = 1000;
    public const decimal MaxMagnitude = 1_000_000_000_000_000m;
    public const int MaxDecimals = 6;
    public const int MaxOptions = 100;
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>A JSON value. True when valid; <paramref name="value"/> null then means "clear".</summary>
    public static bool TryRead(UserFieldShape field, JsonElement json, out FieldValue? value, out string problem)
    {
        value = null;
        problem = "";
        if (json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return true;
        if (json.ValueKind == JsonValueKind.String && json.GetString()!.Trim().Length == 0 && field.Type != UserFieldTypes.Text) return true;
        if (json.ValueKind == JsonValueKind.Array && json.GetArrayLength() == 0) return true;

        switch (field.Type)
        {
            case UserFieldTypes.Text when json.ValueKind == JsonValueKind.String:
                return TryText(field, json.GetString()!, out value, out problem);
            case UserFieldTypes.Number when json.ValueKind == JsonValueKind.Number:
                if (json.TryGetDecimal(out var number)) return TryNumber(field, number, out value, out problem);
                problem = Describe(field, $"a number within ±{MaxMagnitude:0}");
                return false;
            case UserFieldTypes.Boolean when json.ValueKind is JsonValueKind.True or JsonValueKind.False:
                value = FieldValue.OfBoolean(json.GetBoolean());
                return true;
            case UserFieldTypes.Date when json.ValueKind == JsonValueKind.String:
                return TryDate(field, json.GetString()!, out value, out problem);
            case UserFieldTypes.Select when json.ValueKind == JsonValueKind.String:
                return TrySelect(field, json.GetString()!, out value, out problem);
            case UserFieldTypes.MultiSelect when json.ValueKind == JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in json.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        problem = Describe(field, "an array of option names");
                        return false;
                    }

                    items.Add(item.GetString()!);
                }

                return TryOptions(field, items, out value, out problem);
            default:
                problem = Describe(field, Expected(field.Type));
                return false;
        }
    }

    /// <summary>
    /// A value written as text (a CSV cell): numbers in invariant culture, booleans as
    /// true/false/yes/no/1/0, multi-select options comma separated. Empty text clears.
    /// </summary>
    public static bool TryParse(UserFieldShape field, string? text, out FieldValue? value, out string problem)
    {
        value = null;
        problem = "";
        if (text is null || text.Trim().Length == 0) return true;

        switch (field.Type)
        {
            case UserFieldTypes.Number:
                if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return TryNumber(field, number, out value, out problem);
                }

                problem = Describe(field, Expected(field.Type));
                return false;
            case UserFieldTypes.Boolean:
                switch (text.Trim().ToUpperInvariant())
                {
                    case "TRUE" or "YES" or "1":
                        value = FieldValue.OfBoolean(true);
                        return true;
                    case "FALSE" or "NO" or "0":
                        value = FieldValue.OfBoolean(false);
                        return true;
                    default:
                        problem = Describe(field, "true, false, yes, no, 1 or 0");
                        return false;
                }

            case UserFieldTypes.Date:
                return TryDate(field, text, out value, out problem);
            case UserFieldTypes.Select:
                return TrySelect(field, text, out value, out problem);
            case UserFieldTypes.MultiSelect:
                var items = text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
                return items.Count == 0 || TryOptions(field, items, out value, out problem);
            default:
                return TryText(field, text, out value, out problem);
        }
    }

    private static bool TryText(UserFieldShape field, string raw, out FieldValue? value, out string problem)
    {
        value = null;
        problem = "";
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (text.Length == 0) return true;
        if (!TextCharacters.AreAllowed(text))
        {
            problem = Describe(field, "text without control characters (tab and line feed are allowed)");
            return false;
        }

        if (text.Length > MaxTextLength)
        {
            problem = Describe(field, $"text of at most {MaxTextLength} characters");
            return false;
        }

        value = FieldValue.OfText(text);
        return true;
    }

    private static bool TryNumber(UserFieldShape field, decimal number, out FieldValue? value, out string problem)
    {
        value = null;
        problem = "";
        if (Math.Abs(number) > MaxMagnitude || decimal.Round(number, MaxDecimals) != number)
        {
            problem = Describe(field, $"a number within ±{MaxMagnitude:0} with at most {MaxDecimals} decimals");
            return false;
        }

        value = FieldValue.OfNumber(number);
        return true;
    }

    private static bool TryDate(UserFieldShape field, string text, out FieldValue? value, out string problem)
    {
        value = null;
        problem = "";
        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = FieldValue.OfDate(date);
            return true;
        }

        problem = Describe(field, "a real date written YYYY-MM-DD");
        return false;
    }

    private static bool TrySelect(UserFieldShape field, string text, out FieldValue? value, out string problem)
    {
        value = null;
        problem = "";
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return true;
        var option = field.Options.FirstOrDefault(o => string.Equals(o, trimmed, StringComparison.OrdinalIgnoreCase));
        if (option is null)
        {
            problem = Describe(field, "one of its options: " + string.Join(", ", field.Options));
            return false;
        }

        value = FieldValue.OfSelect(option);
        return true;
    }

    private static bool TryOptions(UserFieldShape field, List<string> items, out FieldValue? value, out string problem)
    {
        value = null;
        problem = "";
        if (items.Count > MaxOptions)
        {
            problem = Describe(field, $"at most {MaxOptions} options");
            return false;
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var option = field.Options.FirstOrDefault(o => string.Equals(o, item.Trim(), StringComparison.OrdinalIgnoreCase));
            if (option is null)
            {
                problem = Describe(field, "a list of its options: " + string.Join(", ", field.Options));
                return false;
            }

            chosen.Add(option);
        }

        value = FieldValue.OfOptions([.. field.Options.Where(chosen.Contains)]);
        return true;
    }

    private static string Expected(string type) => type switch
    {
        UserFieldTypes.Number => $"a number within ±{MaxMagnitude:0} with at most {MaxDecimals} decimals",
        UserFieldTypes.Boolean => "true or false",
        UserFieldTypes.Date => "a date written YYYY-MM-DD",
        UserFieldTypes.Select => "one of its options",
        UserFieldTypes.MultiSelect => "an array of its options",
        _ => $"text of at most {MaxTextLength} characters",
    };

    private static string Describe(UserFieldShape field, string expected) =>
        $"'{field.Key}' is a {field.Type} field: its value must be {expected}, or null to clear it.";
}
