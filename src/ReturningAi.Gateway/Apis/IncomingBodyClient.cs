using Microsoft.Extensions.Options;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.Gateway.Authentication;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Gateway.Apis;

/// <summary>Asks Community to open an incoming call's body (<see cref="OpenIncomingBodyRequest"/>); Community keeps the key.</summary>
public sealed class IncomingBodyClient(HttpClient http, IOptions<GatewayTrustOptions> trust)
{
    private const string What = "incoming body";

    /// <exception cref="CommunityUnavailableException">Community did not answer, or not as expected.</exception>
    public async Task<OpenedIncomingBody> OpenAsync(OpenIncomingBodyRequest body, CancellationToken cancellationToken)
    {
        using var response = await CommunityInternalCalls.PostAsync(http, trust.Value.Token, OpenIncomingBodyRequest.Route, body, What, cancellationToken);
        return await CommunityInternalCalls.ReadAsync<OpenedIncomingBody>(response, What, cancellationToken);
    }
}
