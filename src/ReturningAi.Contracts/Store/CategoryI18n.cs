namespace ReturningAi.Contracts.Store;

/// <summary>Translations of a category's name.</summary>
public sealed record CategoryI18n(bool IsTranslationEnabled, IReadOnlyList<Translation> NameTranslations)
{
    public static CategoryI18n Default { get; } = new(false, []);
}
