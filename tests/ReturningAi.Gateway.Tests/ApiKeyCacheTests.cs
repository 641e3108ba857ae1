using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Gateway.Authentication;

namespace ReturningAi.Gateway.Tests;

public sealed class ApiKeyCacheTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ApiKeyCache _cache;

    public ApiKeyCacheTests() =>
        _cache = new ApiKeyCache(Options.Create(new ApiKeyOptions { CacheLifetimeSeconds = 30, MaxCachedKeys = 3 }), _time);

    private static ResolvedApiKey Key(string id) => new(id, "community", ["store"], null);

    [Fact]
    public void A_cached_key_is_found_until_its_lifetime_ends()
    {
        _cache.Add("hash", Key("k1"), _cache.Generation);

        Assert.True(_cache.TryGet("hash", out var key));
        Assert.Equal("k1", key.KeyId);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(_cache.TryGet("hash", out _));
    }

    [Fact]
    public void Evicting_a_key_removes_it_at_once()
    {
        _cache.Add("h1", Key("k1"), _cache.Generation);
        _cache.Add("h2", Key("k2"), _cache.Generation);

        _cache.Evict("k1");

        Assert.False(_cache.TryGet("h1", out _));
        Assert.True(_cache.TryGet("h2", out _));
    }

    [Fact]
    public void A_look_up_that_raced_an_eviction_is_not_cached()
    {
        var generationBeforeLookUp = _cache.Generation;
        _cache.Evict("k1"); // the revocation lands while the look-up is in flight

        _cache.Add("h1", Key("k1"), generationBeforeLookUp);

        Assert.False(_cache.TryGet("h1", out _));
    }

    [Fact]
    public void A_full_cache_drops_expired_entries_first_and_never_grows_past_its_bound()
    {
        _cache.Add("h1", Key("k1"), _cache.Generation);
        _time.Advance(TimeSpan.FromSeconds(31));
        _cache.Add("h2", Key("k2"), _cache.Generation);
        _cache.Add("h3", Key("k3"), _cache.Generation);

        _cache.Add("h4", Key("k4"), _cache.Generation);

        Assert.True(_cache.TryGet("h4", out _));
        Assert.True(_cache.TryGet("h3", out _));
        Assert.False(_cache.TryGet("h1", out _));
    }
}
