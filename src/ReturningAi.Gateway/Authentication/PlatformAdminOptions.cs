namespace ReturningAi.Gateway.Authentication;

public sealed class PlatformAdminOptions
{
    public const string SectionName = "PlatformAdmin";

    /// <summary>The deployment's platform admin token (AppHost parameter <c>platform-admin-token</c>).</summary>
    public string Token { get; set; } = "";
}
