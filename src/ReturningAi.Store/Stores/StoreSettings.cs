using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Store;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Stores;

/// <summary>
/// The store configuration object (CONTRACT.md §7): its defaults, its partial update with every rule,
/// and the older <c>/store/configuration</c> view of the same record.
/// </summary>
internal static class StoreSettings
{
    public const int MaxTitleLength = 32;
    public const int MaxDescriptionLength = 1000;
    public const int MaxCurrencyNameLength = 32;
    public const int MaxCallToActionTextLength = 100;
    public const int MaxUserIdentifierFields = 20;
    public const string DefaultTitle = "Store";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StoreConfiguration New(string communityId, string id, DateTimeOffset now) => new()
    {
        CommunityId = communityId,
        Id = id,
        IsEnabled = true,
        Title = DefaultTitle,
        Cover = Serialize(StoreCover.Default),
        Currency = Serialize(StoreCurrency.Default),
        CallToAction = Serialize(StoreCallToAction.Default),
        I18n = Serialize(StoreI18n.Default),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static StoreDto ToDto(StoreConfiguration c) => new(
        c.Id, c.CommunityId, c.IsEnabled, c.Title, c.Description,
        Deserialize<StoreCover>(c.Cover), Deserialize<StoreCurrency>(c.Currency), Deserialize<StoreCallToAction>(c.CallToAction),
        Deserialize<StoreI18n>(c.I18n), c.UserIdentifierFields, c.CreatedAt, c.UpdatedAt);

    public static StoreConfigurationDto ToView(StoreConfiguration c) => new(Deserialize<StoreCurrency>(c.Currency).Name, c.IsEnabled);

    /// <summary>Lays the fields sent over the stored object (nested objects field by field); nothing changes unless all is valid.</summary>
    public static List<ErrorItem> Apply(StoreConfiguration stored, JsonElement body)
    {
        var errors = new List<ErrorItem>();
        var f = new JsonFields(body, errors);
        var current = ToDto(stored);

        var isEnabled = f.ReadBool("isEnabled", current.IsEnabled);
        var title = f.ReadString("title", required: false, maxLength: MaxTitleLength) ?? current.Title;
        var description = f.ReadString("description", required: false, maxLength: MaxDescriptionLength) ?? current.Description;
        var cover = f.ReadObject("cover") is { } c
            ? new StoreCover(c.ReadBool("isEnabled", current.Cover.IsEnabled), Url(c, "light", current.Cover.Light), Url(c, "dark", current.Cover.Dark))
            : current.Cover;
        var currency = f.ReadObject("currency") is { } cu
            ? new StoreCurrency(cu.ReadBool("isEnabled", current.Currency.IsEnabled),
                cu.ReadString("name", required: false, minLength: 1, maxLength: MaxCurrencyNameLength) ?? current.Currency.Name,
                Url(cu, "light", current.Currency.Light), Url(cu, "dark", current.Currency.Dark))
            : current.Currency;
        var callToAction = f.ReadObject("callToAction") is { } a
            ? new StoreCallToAction(a.ReadBool("isEnabled", current.CallToAction.IsEnabled),
                a.ReadString("text", required: false, maxLength: MaxCallToActionTextLength) ?? current.CallToAction.Text,
                Url(a, "link", current.CallToAction.Link) ?? "")
            : current.CallToAction;
        var i18n = f.ReadObject("i18n") is { } i
            ? new StoreI18n(i.ReadBool("isTranslationEnabled", current.I18n.IsTranslationEnabled),
                TranslationFields.Read(i, "titleTranslations", MaxTitleLength) ?? current.I18n.TitleTranslations,
                TranslationFields.Read(i, "descriptionTranslations", MaxDescriptionLength) ?? current.I18n.DescriptionTranslations)
            : current.I18n;
        var identifiers = f.ReadStringArray("userIdentifierFields", required: false, trim: true) ?? current.UserIdentifierFields;
        if (identifiers.Count > MaxUserIdentifierFields || identifiers.Any(name => name.Length is 0 or > 100))
        {
            f.Add("invalid_value", "userIdentifierFields", $"userIdentifierFields holds at most {MaxUserIdentifierFields} names of 1–100 characters.");
        }

        if (isEnabled && title.Length == 0) f.Add("required", "title", "title is required while the store is enabled.");
        if (errors.Count > 0) return errors;

        stored.IsEnabled = isEnabled;
        stored.Title = title;
        stored.Description = description;
        stored.Cover = Serialize(cover);
        stored.Currency = Serialize(currency);
        stored.CallToAction = Serialize(callToAction);
        stored.I18n = Serialize(i18n);
        stored.UserIdentifierFields = [.. identifiers];
        return errors;
    }

    /// <summary>The older view's update: <c>currencyName</c> is <c>currency.name</c>, <c>isStoreOpen</c> is <c>isEnabled</c>.</summary>
    public static List<ErrorItem> ApplyView(StoreConfiguration stored, JsonElement body)
    {
        var errors = new List<ErrorItem>();
        var f = new JsonFields(body, errors);
        var currencyName = f.ReadString("currencyName", required: false, minLength: 1, maxLength: MaxCurrencyNameLength);
        var isStoreOpen = f.ReadBool("isStoreOpen", stored.IsEnabled);
        if (errors.Count > 0) return errors;

        if (currencyName is not null) stored.Currency = Serialize(Deserialize<StoreCurrency>(stored.Currency) with { Name = currencyName });
        stored.IsEnabled = isStoreOpen;
        return errors;
    }

    /// <summary>An image or link URL: sent as null or "" it is cleared, else it must be absolute http(s); unsent, it stays.</summary>
    private static string? Url(JsonFields fields, string name, string? current)
    {
        if (!fields.Has(name)) return current;
        var value = fields.ReadString(name, required: false, maxLength: 2048);
        if (string.IsNullOrEmpty(value)) return null;
        if (ProductRules.IsHttpUrl(value)) return value;
        fields.Add("invalid_url", name, $"{fields.FieldPath(name)} must be an absolute http or https URL, \"\" or null.");
        return current;
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;
}
