using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ReturningAi.SafeHttp;

namespace ReturningAi.TestSupport;

/// <summary>A DNS whose answers the tests set, so that a name can be re-pointed between a URL check and a connection.</summary>
public sealed class FixedResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Point(string host, params string[] addresses) => _names[host] = [.. addresses.Select(IPAddress.Parse)];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
