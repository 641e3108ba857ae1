using System.Net;

namespace ReturningAi.SafeHttp;

/// <summary>Turns a host name into its addresses (the system's DNS in production; a fixed table in tests).</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
