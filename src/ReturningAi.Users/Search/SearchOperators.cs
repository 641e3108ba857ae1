using ReturningAi.Users.Fields;

namespace ReturningAi.Users.Search;

/// <summary>The filter operators of the user search and the column types each applies to.</summary>
public static class SearchOperators
{
    public const string Equal = "eq";
    public const string NotEqual = "ne";
    public const string GreaterThan = "gt";
    public const string GreaterOrEqual = "gte";
    public const string LessThan = "lt";
    public const string LessOrEqual = "lte";
    public const string In = "in";
    public const string All = "all";
    public const string Contains = "contains";
    public const string StartsWith = "startsWith";
    public const string Exists = "exists";

    /// <summary>Internal: a timestamp outside one whole day (<c>ne</c> with a date). Values: [from, to).</summary>
    public const string Outside = "outside";

    /// <summary>The operators a partner can write, per column type.</summary>
    public static IReadOnlyList<string> For(string type) => type switch
    {
        UserFieldTypes.Text => [NotEqual, In, Contains, StartsWith, Exists],
        UserFieldTypes.Select => [NotEqual, In, Exists],
        UserFieldTypes.Number => [NotEqual, GreaterThan, GreaterOrEqual, LessThan, LessOrEqual, In, Exists],
        UserFieldTypes.Date or SearchColumns.Timestamp => [NotEqual, GreaterThan, GreaterOrEqual, LessThan, LessOrEqual, Exists],
        UserFieldTypes.Boolean => [NotEqual, Exists],
        UserFieldTypes.MultiSelect => [Contains, In, All, Exists],
        _ => [Exists],
    };
}
