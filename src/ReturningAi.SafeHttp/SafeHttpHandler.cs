using System.Net.Sockets;

namespace ReturningAi.SafeHttp;

/// <summary>
/// The handler for requests to partners' URLs: each new connection resolves its host, refuses it unless every
/// address is allowed (<see cref="UrlGuard"/>), and connects to those checked addresses themselves, so a
/// name cannot be re-pointed between the check and the connection. No redirect is followed, no proxy used,
/// no cookie kept.
/// </summary>
public static class SafeHttpHandler
{
    public static SocketsHttpHandler Create(UrlGuard guard, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await guard.ResolveAllowedAsync(context.DnsEndPoint.Host, cancellationToken);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }
}
