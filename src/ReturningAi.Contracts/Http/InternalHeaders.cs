namespace ReturningAi.Contracts.Http;

/// <summary>
/// Headers the gateway adds to the requests it forwards. The gateway strips them from inbound
/// requests; services trust them only together with a valid <see cref="GatewayToken"/>.
/// </summary>
public static class InternalHeaders
{
    public const string Prefix = "X-ReturningAi-";
    public const string GatewayToken = "X-ReturningAi-Gateway-Token";
    public const string CommunityId = "X-ReturningAi-Community-Id";
    public const string ApiKeyId = "X-ReturningAi-Api-Key-Id";
    public const string Permissions = "X-ReturningAi-Permissions";
    public const string PlatformAdmin = "X-ReturningAi-Platform-Admin";
    public const string RequestId = "X-Request-Id";
}
