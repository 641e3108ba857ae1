using System.Net;
using System.Net.Http.Json;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Gateway.Tests;

/// <summary>Community's key look-up, played by the test: known tokens, a call count, and an outage switch.</summary>
public sealed class StubCommunity : HttpMessageHandler
{
    private readonly Dictionary<string, ResolvedApiKey> _keys = new(StringComparer.Ordinal);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public bool Down { get; set; }

    public string AddKey(params string[] permissions)
    {
        var token = ApiKeyTokens.Generate();
        lock (_keys) _keys[ApiKeyTokens.HashHex(token)] = new ResolvedApiKey(ObjectIds.New(), ObjectIds.New(), permissions, null);
        return token;
    }

    public string KeyIdOf(string token)
    {
        lock (_keys) return _keys[ApiKeyTokens.HashHex(token)].KeyId;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Down) throw new HttpRequestException("Connection refused (stub)");

        var body = await request.Content!.ReadFromJsonAsync<ResolveApiKeyRequest>(cancellationToken);
        ResolvedApiKey? key;
        lock (_keys) _keys.TryGetValue(body!.TokenHash, out key);
        return key is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(key) };
    }
}
