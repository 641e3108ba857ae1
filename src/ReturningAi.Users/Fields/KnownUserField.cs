namespace ReturningAi.Users.Fields;

/// <summary>A stored field definition with its id: what a body's field reference resolves against.</summary>
public sealed record KnownUserField(string Id, UserFieldDefinition Definition)
{
    public string Key => Definition.Key;

    /// <summary>A reference names this field by its <c>_id</c> or (case-insensitively) its key.</summary>
    public bool IsNamedBy(string reference) =>
        string.Equals(reference.Trim(), Id, StringComparison.Ordinal)
        || UserFieldKeys.Comparable(reference) == UserFieldKeys.Comparable(Definition.Key);
}
