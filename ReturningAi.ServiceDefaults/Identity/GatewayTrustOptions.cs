namespace ReturningAi.ServiceDefaults.Identity;

/// <summary>The secret the gateway and the services share (AppHost parameter <c>internal-token</c>).</summary>
public sealed class GatewayTrustOptions
{
    public const string SectionName = "GatewayTrust";

    public string Token { get; set; } = "";
}
