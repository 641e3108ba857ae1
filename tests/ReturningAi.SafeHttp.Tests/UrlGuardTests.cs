using ReturningAi.TestSupport;

namespace ReturningAi.SafeHttp.Tests;

public sealed class UrlGuardTests
{
    private readonly FixedResolver _dns = new();

    private UrlGuard Guard(bool allowHttp = false, params string[] allowed)
    {
        var options = new SafeHttpOptions { AllowHttp = allowHttp };
        foreach (var network in allowed) options.AllowedNetworks.Add(network);
        return new UrlGuard(options, _dns);
    }

    [Theory]
    [InlineData("")]
    [InlineData("partner.example/hook")]
    [InlineData("/hook")]
    [InlineData("ftp://partner.example/hook")]
    [InlineData("https://user:pass@partner.example/hook")]
    [InlineData("https://partner.example/hook#part")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public async Task Malformed_URLs_are_invalid(string url)
    {
        _dns.Point("partner.example", "8.8.8.8");

        Assert.Equal(UrlVerdict.Invalid, await Guard().CheckAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task A_URL_over_2048_characters_is_invalid()
    {
        _dns.Point("partner.example", "8.8.8.8");
        var url = "https://partner.example/" + new string('a', 2048 - "https://partner.example/".Length);

        Assert.Equal(UrlVerdict.Safe, await Guard().CheckAsync(url, CancellationToken.None));
        Assert.Equal(UrlVerdict.Invalid, await Guard().CheckAsync(url + "a", CancellationToken.None));
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00:ec2::254]/hook")]
    [InlineData("https://private.partner.example/hook")]
    [InlineData("https://mixed.partner.example/hook")]
    [InlineData("http://partner.example/hook")]
    public async Task Private_addresses_names_that_resolve_to_one_and_http_are_unsafe(string url)
    {
        _dns.Point("partner.example", "8.8.8.8");
        _dns.Point("private.partner.example", "192.168.10.10");
        _dns.Point("mixed.partner.example", "8.8.8.8", "10.1.2.3");

        Assert.Equal(UrlVerdict.Unsafe, await Guard().CheckAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Http_and_allowed_networks_pass_only_when_configured()
    {
        _dns.Point("receiver.test", "127.0.0.1");

        Assert.Equal(UrlVerdict.Unsafe, await Guard().CheckAsync("http://receiver.test:5000/hook", CancellationToken.None));
        Assert.Equal(UrlVerdict.Unsafe, await Guard(allowHttp: true).CheckAsync("http://receiver.test:5000/hook", CancellationToken.None));
        Assert.Equal(UrlVerdict.Safe, await Guard(true, "127.0.0.0/8").CheckAsync("http://receiver.test:5000/hook", CancellationToken.None));
        Assert.Equal(UrlVerdict.Unsafe, await Guard(true, "0.0.0.0/0").CheckAsync("http://169.254.169.254/", CancellationToken.None));
    }

    [Fact]
    public async Task A_name_without_an_address_is_unresolvable()
    {
        Assert.Equal(UrlVerdict.Unresolvable, await Guard().CheckAsync("https://nowhere.invalid/hook", CancellationToken.None));
    }

    [Fact]
    public async Task The_system_resolver_refuses_localhost()
    {
        var guard = new UrlGuard(new SafeHttpOptions(), new DnsHostResolver());

        Assert.Equal(UrlVerdict.Unsafe, await guard.CheckAsync("https://localhost/hook", CancellationToken.None));
    }
}
