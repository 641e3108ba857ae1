namespace ReturningAi.SafeHttp;

/// <summary>What a partner's URL may be. The defaults are production's: https only, public addresses only.</summary>
public sealed class SafeHttpOptions
{
    /// <summary>Also plain <c>http</c> URLs (local development and tests).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Networks (CIDR) allowed although not public, such as <c>127.0.0.0/8</c> for a local receiver; never metadata addresses.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>How long a host name may take to resolve.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
