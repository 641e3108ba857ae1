using ReturningAi.Users.Fields;

namespace ReturningAi.Users.Search;

/// <summary>
/// A column of the user search (users.md U4), by the docs' name: a property of every user or a custom
/// field (then <see cref="Field"/> is set). <see cref="Type"/> is a field type, or
/// <see cref="SearchColumns.Timestamp"/> for the built-in dates.
/// </summary>
public sealed record SearchColumn(string Name, string Type, KnownUserField? Field = null)
{
    public bool IsCustom => Field is not null;
}
