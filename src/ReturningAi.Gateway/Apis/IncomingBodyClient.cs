using Microsoft.Extensions.Options;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.Gateway.Authentication;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Gateway.Apis;

/// <summary>Asks Community to open an incoming call's body (<see cref="OpenIncomingBodyRequest"/>); Community keeps the key.</summary>
public sealed class IncomingBodyClient(HttpClient http, IOptions<GatewayTrustOptions> trust)
{
    /// <exception cref="CommunityUnavailableException">Community did not answer, or not as expected.</exception>
    public async Task<OpenedIncomingBody> OpenAsync(OpenIncomingBodyRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, OpenIncomingBodyRequest.Route) { Content = JsonContent.Create(body) };
        request.Headers.Add(InternalHeaders.GatewayToken, trust.Value.Token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CommunityUnavailableException($"Community answered the incoming body with {(int)response.StatusCode}.");
            }

            return await response.Content.ReadFromJsonAsync<OpenedIncomingBody>(cancellationToken)
                ?? throw new CommunityUnavailableException("Community answered the incoming body with an empty body.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException
                                              or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                                              or System.Text.Json.JsonException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            throw new CommunityUnavailableException("Community did not open the incoming body.", exception);
        }
    }
}
