using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.ApiKeys;

namespace ReturningAi.Gateway.Authentication;

/// <summary>
/// In-process cache of looked-up keys, by token hash. Entries expire after the configured lifetime
/// and are evicted at once by key events. A look-up that was in flight while any key was evicted is
/// not cached, so a revocation can never be undone by a slow answer that predates it.
/// </summary>
public sealed class ApiKeyCache(IOptions<ApiKeyOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(options.Value.CacheLifetimeSeconds);
    private readonly int _maxEntries = options.Value.MaxCachedKeys;
    private long _evictions;

    /// <summary>A stamp to pass back to <see cref="Add"/>; taken before the look-up starts.</summary>
    public long Generation => Interlocked.Read(ref _evictions);

    public bool TryGet(string tokenHash, out ResolvedApiKey key)
    {
        if (_entries.TryGetValue(tokenHash, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            key = entry.Key;
            return true;
        }

        key = null!;
        return false;
    }

    public void Add(string tokenHash, ResolvedApiKey key, long generation)
    {
        if (generation != Generation) return;
        if (_entries.Count >= _maxEntries) RemoveExpired();
        _entries[tokenHash] = new Entry(key, time.GetUtcNow() + _lifetime);
        // An eviction may have landed between the check above and the write.
        if (generation != Generation) _entries.TryRemove(tokenHash, out _);
    }

    public void Evict(string keyId)
    {
        Interlocked.Increment(ref _evictions);
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Key.KeyId == keyId) _entries.TryRemove(hash, out _);
        }
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (hash, entry) in _entries)
        {
            if (entry.ExpiresAt <= now) _entries.TryRemove(hash, out _);
        }

        // Still full of live keys (a flood of distinct tokens): start over rather than grow without bound.
        if (_entries.Count >= _maxEntries) _entries.Clear();
    }

    private sealed record Entry(ResolvedApiKey Key, DateTimeOffset ExpiresAt);
}
