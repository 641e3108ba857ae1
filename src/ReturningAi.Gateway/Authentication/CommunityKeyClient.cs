using System.Net;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Gateway.Authentication;

/// <summary>Asks Community about a token by its hash. The token itself never leaves the gateway.</summary>
public sealed class CommunityKeyClient(HttpClient http, IOptions<GatewayTrustOptions> trust)
{
    public async Task<ResolvedApiKey?> ResolveAsync(string tokenHash, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/api-keys/resolve")
        {
            Content = JsonContent.Create(new ResolveApiKeyRequest(tokenHash)),
        };
        request.Headers.Add(InternalHeaders.GatewayToken, trust.Value.Token);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException
                                              or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            throw new CommunityUnavailableException("Community did not answer the key look-up.", exception);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            if (!response.IsSuccessStatusCode)
            {
                throw new CommunityUnavailableException($"Community answered the key look-up with {(int)response.StatusCode}.");
            }

            return await response.Content.ReadFromJsonAsync<ResolvedApiKey>(cancellationToken)
                ?? throw new CommunityUnavailableException("Community answered the key look-up with an empty body.");
        }
    }
}
