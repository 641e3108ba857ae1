using System.Net;
using System.Net.Sockets;

namespace ReturningAi.SafeHttp;

/// <summary>
/// Checks a partner's URL before it is stored and before each attempt, and checks the addresses a connection
/// is about to use (<see cref="SafeHttpHandler"/>): every address the host resolves to must be allowed by
/// <see cref="AddressRules"/>, so a name that also resolves to a private address is refused as a whole.
/// </summary>
public sealed class UrlGuard(SafeHttpOptions options, IHostResolver resolver)
{
    public const int MaxUrlLength = 2048;

    private readonly AddressRules _rules = new(options.AllowedNetworks);

    public SafeHttpOptions Options => options;

    /// <summary>The URL's shape alone: absolute http(s), at most 2,048 characters, no user-info or fragment.</summary>
    public static bool IsWellFormed(string url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrEmpty(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp) return false;
        if (parsed.UserInfo.Length > 0 || url.Contains('#', StringComparison.Ordinal) || parsed.Host.Length == 0) return false;
        uri = parsed;
        return true;
    }

    public async Task<UrlVerdict> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(url, out var uri)) return UrlVerdict.Invalid;
        if (uri!.Scheme == Uri.UriSchemeHttp && !options.AllowHttp) return UrlVerdict.Unsafe;
        try
        {
            await ResolveAllowedAsync(uri.IdnHost, cancellationToken);
            return UrlVerdict.Safe;
        }
        catch (UnsafeAddressException refused)
        {
            return refused.Verdict;
        }
    }

    /// <summary>The host's addresses, all of them allowed; else <see cref="UnsafeAddressException"/>.</summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0) throw new UnsafeAddressException(UrlVerdict.Unresolvable, $"The host '{host}' has no address.");
        if (addresses.FirstOrDefault(a => !_rules.IsAllowed(a)) is { } refused)
        {
            throw new UnsafeAddressException(UrlVerdict.Unsafe, $"The host '{host}' resolves to {refused}, which is not a public address.");
        }

        return addresses;
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        // An address literal is itself; [::1] arrives without its brackets from Uri.IdnHost.
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return [literal];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ResolveTimeout);
        try
        {
            return await resolver.ResolveAsync(host, timeout.Token);
        }
        catch (SocketException)
        {
            return [];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }
}
