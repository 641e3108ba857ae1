namespace ReturningAi.Contracts.Store;

/// <summary>Translations of the store's title and description.</summary>
public sealed record StoreI18n(bool IsTranslationEnabled, IReadOnlyList<Translation> TitleTranslations, IReadOnlyList<Translation> DescriptionTranslations)
{
    public static StoreI18n Default { get; } = new(false, [], []);
}
