namespace ReturningAi.Gateway.Authentication;

/// <summary>How many failed authentications one client address may make in a window (CONTRACT.md section 8).</summary>
public sealed class AuthenticationThrottleOptions
{
    public const string SectionName = "AuthenticationThrottling";

    /// <summary>Wrong platform admin tokens after which every platform-admin attempt from the address is 429 until the window ends.</summary>
    public int PlatformAdminFailuresPerWindow { get; set; } = 10;

    /// <summary>Unknown API keys after which further unknown keys from the address are 429 instead of 401.</summary>
    public int UnknownApiKeysPerWindow { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;
}
