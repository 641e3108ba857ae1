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

    public static IReadOnlyList<ErrorItem> Capped(List<ErrorItem> items) =>
        items.Count > MaxReported ? items[..MaxReported] : items;
}
