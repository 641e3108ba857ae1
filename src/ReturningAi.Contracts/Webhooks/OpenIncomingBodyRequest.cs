namespace ReturningAi.Contracts.Webhooks;

/// <summary>
/// The gateway asks Community to open an incoming call's body for a route Community does not serve (the Store's currency
/// webhook): Community keeps the incoming encryption key, so the key never leaves it.
/// </summary>
public sealed record OpenIncomingBodyRequest(string CommunityId, string Path, bool Flagged, byte[] Body)
{
    /// <summary>Community's internal route that answers it (the gateway never proxies <c>/internal</c>).</summary>
    public const string Route = "/internal/incoming-webhooks/open-body";
}
