using ReturningAi.Contracts.Store;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Store.Stores;

/// <summary>Lists of <c>{"language", "value"}</c> translations, as the store and its categories take them.</summary>
internal static class TranslationFields
{
    public const int MaxTranslations = 100;
    public const int MaxLanguageLength = 35;

    /// <summary>The list sent (it replaces the stored one), or null when the field was not sent.</summary>
    public static IReadOnlyList<Translation>? Read(JsonFields fields, string name, int maxValueLength)
    {
        var items = fields.ReadObjectArray(name);
        if (items is null) return null;
        if (items.Count > MaxTranslations)
        {
            fields.Add("too_many_items", name, $"{fields.FieldPath(name)} may hold at most {MaxTranslations} translations.");
            return null;
        }

        return [.. items.Select(item => new Translation(
            item.ReadString("language", required: true, minLength: 2, maxLength: MaxLanguageLength) ?? "",
            item.ReadString("value", required: true, maxLength: maxValueLength) ?? ""))];
    }
}
