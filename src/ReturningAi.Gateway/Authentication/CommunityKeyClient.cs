using System.Net;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Gateway.Authentication;

/// <summary>Asks Community about a token by its hash. The token itself never leaves the gateway.</summary>
public sealed class CommunityKeyClient(HttpClient http, IOptions<GatewayTrustOptions> trust)
{
    private const string What = "key look-up";

    public async Task<ResolvedApiKey?> ResolveAsync(string tokenHash, CancellationToken cancellationToken)
    {
        using var response = await CommunityInternalCalls.PostAsync(http, trust.Value.Token, "/internal/api-keys/resolve",
            new ResolveApiKeyRequest(tokenHash), What, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await CommunityInternalCalls.ReadAsync<ResolvedApiKey>(response, What, cancellationToken);
    }
}
