using System.Net;
using System.Net.Sockets;

namespace ReturningAi.SafeHttp;

/// <summary>
/// Which addresses a partner's URL may lead to: public unicast only. Loopback, private (RFC 1918, <c>fc00::/7</c>),
/// link-local, shared (<c>100.64/10</c>), unspecified, multicast, reserved and documentation ranges, and IPv4
/// addresses wrapped in IPv6 are refused. <see cref="SafeHttpOptions.AllowedNetworks"/> exempts networks (a
/// test receiver's), but never the cloud metadata addresses.
/// </summary>
public sealed class AddressRules
{
    private static readonly IPNetwork[] Refused =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/96"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("::ffff:0:0/96"), IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001::/23"), IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("2002::/16"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Cloud metadata services: refused whatever the allowed networks say.</summary>
    public static IReadOnlyList<IPAddress> Metadata { get; } = [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254")];

    private readonly IReadOnlyList<IPNetwork> _allowed;

    public AddressRules(IEnumerable<string> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _allowed = [.. allowedNetworks.Select(network => IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{network}' is not a network in CIDR notation (such as 127.0.0.0/8).", nameof(allowedNetworks)))];
    }

    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv6LinkLocal || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)) return false;
        // IPv4 inside IPv6 (::ffff:a.b.c.d) would reach the IPv4 address past the IPv4 rules.
        if (address.IsIPv4MappedToIPv6 || Metadata.Any(metadata => metadata.Equals(address))) return false;
        if (_allowed.Any(network => network.Contains(address))) return true;
        return !Refused.Any(network => network.Contains(address)) && !address.Equals(IPAddress.Broadcast);
    }
}
