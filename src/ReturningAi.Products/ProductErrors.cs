using ReturningAi.Contracts.Http;

namespace ReturningAi.Products;

/// <summary>Where the problems of one product go: its field-path prefix (<c>[3].</c> in a bulk body) and array index.</summary>
public sealed record ProductErrors(List<ErrorItem> Items, string Prefix = "", int? Index = null)
{
    /// <summary>The contract reports all problems of a request together, up to this many.</summary>
    public const int MaxReported = 1000;

    /// <summary>Fields already reported (say, of the wrong type): a rule says nothing more about them.</summary>
    public IReadOnlySet<string> AlreadyReported { get; init; } = new HashSet<string>();

    public void Add(string code, string field, string message)
    {
        if (!AlreadyReported.Contains(Prefix + field)) Items.Add(new ErrorItem(code, message, Prefix + field) { Index = Index });
    }

    /// <summary>The codes of a name that does not resolve in the community: what only the store can know.</summary>
    public static readonly IReadOnlySet<string> UnresolvedNameCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "unknown_category", "unknown_role", "unknown_tag", "unknown_user", "unknown_redemption_status",
    };

    public static IReadOnlyList<ErrorItem> Capped(List<ErrorItem> items) =>
        items.Count > MaxReported ? items[..MaxReported] : items;

    /// <summary>
    /// The problems of values together with the names that do not resolve (from <paramref name="checkedNames"/>,
    /// which may hold more), each name once and none for a field whose value is already reported; in item order.
    /// </summary>
    public static IReadOnlyList<ErrorItem> WithUnresolvedNames(IReadOnlyList<ErrorItem> values, IEnumerable<ErrorItem> checkedNames)
    {
        var reported = values.Select(e => e.Field).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var names = checkedNames.Where(e => UnresolvedNameCodes.Contains(e.Code) && (e.Field is null || !reported.Contains(e.Field)));
        return Capped([.. values.Concat(names).OrderBy(e => e.Index ?? e.Row ?? int.MaxValue)]);
    }
}
