using System.Text.Json.Nodes;
using ReturningAi.Community.Model;
using ReturningAi.Users.Fields;

namespace ReturningAi.Community.Members;

/// <summary>How a normalised value is stored: canonical JSON plus the typed column the search uses.</summary>
internal static class FieldValueColumns
{
    public static void Apply(UserFieldValue row, FieldValue value, bool unique)
    {
        row.Value = value.Canonical;
        row.TextValue = value.Type is UserFieldTypes.Text or UserFieldTypes.Select ? value.Text!.ToUpperInvariant() : null;
        row.NumberValue = value.Number;
        row.DateValue = value.Date;
        row.BoolValue = value.Boolean;
        row.OptionValues = value.Options is null ? null : [.. value.Options];
        row.UniqueKey = unique ? value.UniqueKey : null;
    }

    public static JsonNode? Json(string? canonical) => canonical is null ? null : JsonNode.Parse(canonical);
}
