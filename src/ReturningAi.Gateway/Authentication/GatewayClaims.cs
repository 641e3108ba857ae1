namespace ReturningAi.Gateway.Authentication;

/// <summary>The claims the gateway's authentication handlers issue.</summary>
public static class GatewayClaims
{
    public const string CommunityId = "community_id";
    public const string ApiKeyId = "api_key_id";
    public const string Permission = "permission";
    public const string PlatformAdmin = "platform_admin";
}
