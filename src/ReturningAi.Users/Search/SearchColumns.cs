using ReturningAi.Users.Fields;

namespace ReturningAi.Users.Search;

/// <summary>The built-in search columns and how a name resolves to a column.</summary>
public static class SearchColumns
{
    /// <summary>The type of the built-in date-time columns (a date filter covers the whole day, UTC).</summary>
    public const string Timestamp = "timestamp";

    public const string Email = "email";
    public const string Username = "username";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string DisplayName = "display_name";
    public const string JoinDate = "join_date";
    public const string LastLogin = "last_login";
    public const string CreatedAt = "created_at";
    public const string UpdatedAt = "updated_at";

    public static IReadOnlyList<SearchColumn> BuiltIn { get; } =
    [
        new(Email, UserFieldTypes.Text), new(Username, UserFieldTypes.Text), new(FirstName, UserFieldTypes.Text),
        new(LastName, UserFieldTypes.Text), new(DisplayName, UserFieldTypes.Text), new(JoinDate, Timestamp),
        new(LastLogin, Timestamp), new(CreatedAt, Timestamp), new(UpdatedAt, Timestamp),
    ];

    /// <summary>A built-in column (exact name) or a custom field (its key, case-insensitively).</summary>
    public static SearchColumn? Find(string name, IReadOnlyList<KnownUserField> fields)
    {
        var builtIn = BuiltIn.FirstOrDefault(c => c.Name == name);
        if (builtIn is not null) return builtIn;
        var field = fields.FirstOrDefault(f => UserFieldKeys.Comparable(f.Key) == UserFieldKeys.Comparable(name));
        return field is null ? null : new SearchColumn(field.Key, field.Definition.Type, field);
    }
}
