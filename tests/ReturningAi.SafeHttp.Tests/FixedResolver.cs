using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ReturningAi.SafeHttp.Tests;

/// <summary>A DNS whose answers a test sets, and which counts what it was asked.</summary>
internal sealed class FixedResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Point(string host, params string[] addresses) => _names[host] = [.. addresses.Select(IPAddress.Parse)];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
