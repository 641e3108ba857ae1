namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// One string instance for each distinct name of a request: a body at the permission bounds repeats a few
/// hundred names over a million times, and keeping one copy of each keeps its memory to the bound's.
/// </summary>
public sealed class NamePool
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public string Get(string name)
    {
        if (_names.TryGetValue(name, out var pooled)) return pooled;
        _names[name] = name;
        return name;
    }
}
