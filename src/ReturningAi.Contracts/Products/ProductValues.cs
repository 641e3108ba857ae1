namespace ReturningAi.Contracts.Products;

/// <summary>The closed sets of values the product and category objects take; the rules and the API document both read them here.</summary>
public static class ProductValues
{
    public static readonly IReadOnlyList<string> Timeframes = ["hours", "days", "weeks", "months"];
    public static readonly IReadOnlyList<string> PermissionTypes = ["role", "tag", "user", "combination"];
    public static readonly IReadOnlyList<string> CombinationTypes = ["role", "tag", "user"];
    public static readonly IReadOnlyList<string> IntervalUnits = ["days", "weeks", "months", "years"];
    public static readonly IReadOnlyList<string> AccessLevels = ["full-access", "view-only"];
    public static readonly IReadOnlyList<string> ViewTypes = ["full", "preview"];
}
