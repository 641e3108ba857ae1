using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.Store.Products;

/// <summary>
/// The names of one request as stored in the community: normalized name → (id, name as stored). A request
/// may name the same few items a million times, so each distinct name is normalized once.
/// </summary>
public sealed class ResolvedNames(
    IReadOnlyDictionary<string, (string Id, string Name)> categories,
    IReadOnlyDictionary<string, (string Id, string Name)> statuses,
    IReadOnlyDictionary<(string Kind, string Key), (string Id, string Name)> references)
{
    public (string Id, string Name)? Category(string name) =>
        categories.TryGetValue(NameKey.Normalize(name), out var found) ? found : null;

    public (string Id, string Name)? Status(string name) =>
        statuses.TryGetValue(NameKey.Normalize(name), out var found) ? found : null;

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public (string Id, string Name)? Reference(string kind, string name) =>
        references.TryGetValue((kind, Key(name)), out var found) ? found : null;

    private string Key(string name)
    {
        if (!_keys.TryGetValue(name, out var key)) _keys[name] = key = NameKey.Normalize(name);
        return key;
    }
}
