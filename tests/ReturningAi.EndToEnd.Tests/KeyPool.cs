namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// Several keys of one community, used in turn: the end-to-end stack allows each key 100 requests a
/// minute, and the user tests make hundreds (a 500-user search, 100 racing writes).
/// </summary>
public sealed class KeyPool(IReadOnlyList<string> tokens)
{
    private int _next = -1;

    public string Next() => tokens[(int)((uint)Interlocked.Increment(ref _next) % tokens.Count)];

    public static async Task<KeyPool> CreateAsync(PartnerApi api, string bootstrapToken, int keys)
    {
        var tokens = new List<string>();
        for (var i = 0; i < keys; i++)
        {
            tokens.Add((await api.CreateKeyAsync(bootstrapToken, [.. ReturningAi.Contracts.ApiKeys.Permissions.All])).Token);
        }

        return new KeyPool(tokens);
    }
}
