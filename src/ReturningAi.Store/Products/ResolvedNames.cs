using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.Store.Products;

/// <summary>The names of one request as stored in the community: normalized name → (id, name as stored).</summary>
public sealed class ResolvedNames(
    IReadOnlyDictionary<string, (string Id, string Name)> categories,
    IReadOnlyDictionary<string, (string Id, string Name)> statuses,
    IReadOnlyDictionary<(string Kind, string Key), (string Id, string Name)> references)
{
    public (string Id, string Name)? Category(string name) =>
        categories.TryGetValue(NameKey.Normalize(name), out var found) ? found : null;

    public (string Id, string Name)? Status(string name) =>
        statuses.TryGetValue(NameKey.Normalize(name), out var found) ? found : null;

    public (string Id, string Name)? Reference(string kind, string name) =>
        references.TryGetValue((kind, NameKey.Normalize(name)), out var found) ? found : null;
}
