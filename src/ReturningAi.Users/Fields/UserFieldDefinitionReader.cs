using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Users.Fields;

/// <summary>
/// Reads a user field create or update body (users.md U5) and checks the resulting definition as a
/// whole, reporting every problem together. Create needs <c>field</c>, <c>name</c> and <c>type</c>;
/// update needs <c>name</c> and <c>type</c> and keeps what it does not send.
/// </summary>
public static class UserFieldDefinitionReader
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxOptions = 100;
    public const int MaxOptionLength = 100;

    /// <summary>The definition the body asks for, or null when it has problems (then in <paramref name="errors"/>).</summary>
    public static UserFieldDefinition? Read(JsonElement body, UserFieldDefinition? current, List<ErrorItem> errors)
    {
        var before = errors.Count;
        var fields = new JsonFields(body, errors);

        var key = ReadKey(fields, body, current);
        var name = UserRules.ReadName(fields, "name", required: true, MaxNameLength);
        var description = fields.ReadString("description", required: false, maxLength: MaxDescriptionLength);
        var type = ReadType(fields);
        var sentOptions = ReadOptions(fields);
        var required = fields.ReadBool("required", current?.Required ?? false);
        var isVisible = fields.ReadBool("isVisible", current?.IsVisible ?? true);
        var isEditableByUser = fields.ReadBool("isEditableByUser", current?.IsEditableByUser ?? false);
        var isUnique = fields.ReadBool("isUnique", current?.IsUnique ?? false);
        if (errors.Count > before || key is null || name is null || type is null) return null;

        IReadOnlyList<string> kept = UserFieldTypes.HasOptions(type) && current is not null && UserFieldTypes.HasOptions(current.Type) ? current.Options : [];
        var options = sentOptions ?? kept;
        var shape = new UserFieldShape(key, type, options);
        if (UserFieldTypes.HasOptions(type) && options.Count == 0)
        {
            fields.Add("options_required", "options", $"A {type} field needs 1–{MaxOptions} options.");
        }
        else if (!UserFieldTypes.HasOptions(type) && options.Count > 0)
        {
            fields.Add("options_not_allowed", "options", $"Only select and multi_select fields have options; this is a {type} field.");
        }

        if (isEditableByUser && !isVisible)
        {
            fields.Add("editable_requires_visible", "isEditableByUser", "A field users can edit must be visible (isVisible: true).");
        }

        if (isUnique && !UserFieldTypes.SupportsUnique(type))
        {
            fields.Add("unique_not_supported", "isUnique", $"Only text and number fields can be unique; this is a {type} field.");
        }

        var defaultValue = ReadDefault(fields, body, current, shape);
        if (isUnique && defaultValue is not null)
        {
            fields.Add("default_not_allowed", "defaultValue", "A unique field cannot have a default value: every user would get the same one.");
        }

        if (errors.Count > before) return null;
        return new UserFieldDefinition(key, name, description ?? current?.Description ?? "", type, options,
            required, isVisible, isEditableByUser, isUnique, defaultValue);
    }

    private static string? ReadKey(JsonFields fields, JsonElement body, UserFieldDefinition? current)
    {
        var sent = fields.ReadString("field", required: current is null);
        if (sent is null) return current?.Key;

        var key = UserFieldKeys.Normalize(sent);
        if (current is not null)
        {
            if (UserFieldKeys.Comparable(key) == UserFieldKeys.Comparable(current.Key)) return current.Key;
            fields.Add("immutable_field", "field", $"A field's key cannot change (it is '{current.Key}'); create a new field instead.");
            return null;
        }

        if (UserFieldKeys.Problem(key) is { } problem)
        {
            fields.Add(problem.Code, "field", problem.Message);
            return null;
        }

        return key;
    }

    private static string? ReadType(JsonFields fields)
    {
        var sent = fields.ReadString("type", required: true);
        if (sent is null) return null;
        if (UserFieldTypes.Canonical(sent) is { } type) return type;
        fields.Add("invalid_field_type", "type", $"type must be one of {string.Join(", ", UserFieldTypes.AcceptedNames)}.");
        return null;
    }

    private static List<string>? ReadOptions(JsonFields fields)
    {
        var sent = fields.ReadStringArray("options", required: false, trim: true);
        if (sent is null) return null;
        if (sent.Count > MaxOptions)
        {
            fields.Add("too_many_items", "options", $"options may hold at most {MaxOptions} items; it has {sent.Count}.");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var options = new List<string>(sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            var option = sent[i];
            if (option.Length is 0 or > MaxOptionLength)
            {
                fields.Add("invalid_length", $"options[{i}]", $"options[{i}] must be 1–{MaxOptionLength} characters long.");
            }
            else if (!seen.Add(option))
            {
                fields.Add("duplicate_option", $"options[{i}]", $"'{option}' is already an option (options are compared case-insensitively).");
            }
            else
            {
                options.Add(option);
            }
        }

        return options;
    }

    /// <summary>The sent default, or the current one, which must still fit the (possibly new) type and options.</summary>
    private static FieldValue? ReadDefault(JsonFields fields, JsonElement body, UserFieldDefinition? current, UserFieldShape shape)
    {
        var sent = body.TryGetProperty("defaultValue", out var json);
        if (!sent)
        {
            if (current?.DefaultValue is null) return null;
            using var document = JsonDocument.Parse(current.DefaultValue.Canonical);
            json = document.RootElement.Clone();
        }

        if (UserFieldValueRules.TryRead(shape, json, out var value, out var problem)) return value;
        fields.Add("invalid_field_value", "defaultValue",
            sent ? problem : $"The current default value no longer fits: {problem} Send a new defaultValue (or null).");
        return null;
    }
}
