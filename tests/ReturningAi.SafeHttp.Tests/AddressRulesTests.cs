using System.Net;

namespace ReturningAi.SafeHttp.Tests;

public sealed class AddressRulesTests
{
    private static readonly AddressRules Production = new([]);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("169.254.10.10")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("ff02::1")]
    [InlineData("255.255.255.255")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("192.0.2.10")]
    [InlineData("64:ff9b::a00:1")]
    public void Refuses_every_address_that_is_not_public_unicast(string address)
    {
        Assert.False(Production.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    public void Allows_public_unicast_addresses(string address)
    {
        Assert.True(Production.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allowed_networks_exempt_their_addresses_but_never_the_metadata_service()
    {
        var rules = new AddressRules(["127.0.0.0/8", "169.254.0.0/16", "fd00::/8"]);

        Assert.True(rules.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(rules.IsAllowed(IPAddress.Parse("169.254.1.1")));
        Assert.False(rules.IsAllowed(IPAddress.Parse("169.254.169.254")));
        Assert.False(rules.IsAllowed(IPAddress.Parse("fd00:ec2::254")));
        Assert.False(rules.IsAllowed(IPAddress.Parse("10.0.0.1")));
        Assert.False(rules.IsAllowed(IPAddress.Parse("::1")));
    }

    [Fact]
    public void A_network_that_is_not_CIDR_is_refused_at_start()
    {
        Assert.Throws<ArgumentException>(() => new AddressRules(["127.0.0.1/33"]));
        Assert.Throws<ArgumentException>(() => new AddressRules(["localhost"]));
    }
}
