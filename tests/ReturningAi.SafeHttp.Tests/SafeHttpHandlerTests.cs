using System.Net;
using System.Net.Sockets;
using System.Text;
using ReturningAi.TestSupport;

namespace ReturningAi.SafeHttp.Tests;

/// <summary>
/// The handler against a real listener on 127.0.0.1: it connects to the address it checked, refuses a name
/// re-pointed to a refused address without connecting anywhere, and never follows a redirect.
/// </summary>
public sealed class SafeHttpHandlerTests : IAsyncLifetime
{
    private readonly FixedResolver _dns = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private int _connections;
    private CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;
    private string _answer = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Task InitializeAsync()
    {
        _listener.Start();
        _serving = ServeAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private HttpClient Client(params string[] allowed)
    {
        var options = new SafeHttpOptions { AllowHttp = true };
        foreach (var network in allowed) options.AllowedNetworks.Add(network);
        return new HttpClient(SafeHttpHandler.Create(new UrlGuard(options, _dns), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Connects_to_the_checked_address_of_an_allowed_name()
    {
        _dns.Point("receiver.test", "127.0.0.1");
        using var client = Client("127.0.0.1/32");

        using var response = await client.PostAsync(new Uri($"http://receiver.test:{Port}/hook"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, Volatile.Read(ref _connections));
    }

    [Fact]
    public async Task A_name_re_pointed_to_a_refused_address_gets_no_connection()
    {
        using var client = Client("127.0.0.1/32");
        // 127.0.0.2 answers on this machine, but the allowed network is 127.0.0.1/32 only.
        _dns.Point("receiver.test", "127.0.0.2");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri($"http://receiver.test:{Port}/hook"), new StringContent("{}")));

        Assert.IsType<UnsafeAddressException>(refused.InnerException);
        Assert.Equal(0, Volatile.Read(ref _connections));
    }

    [Fact]
    public async Task A_literal_private_address_is_refused_before_connecting()
    {
        using var client = Client();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{Port}/")));

        Assert.Equal(UrlVerdict.Unsafe, Assert.IsType<UnsafeAddressException>(refused.InnerException).Verdict);
        Assert.Equal(0, Volatile.Read(ref _connections));
    }

    [Fact]
    public async Task A_redirect_is_answered_not_followed()
    {
        _dns.Point("receiver.test", "127.0.0.1");
        _answer = "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        using var client = Client("127.0.0.1/32");

        using var response = await client.PostAsync(new Uri($"http://receiver.test:{Port}/hook"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(1, Volatile.Read(ref _connections));
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var socket = await _listener.AcceptSocketAsync(cancellationToken);
            Interlocked.Increment(ref _connections);
            var buffer = new byte[8192];
            var head = new StringBuilder();
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await socket.ReceiveAsync(buffer, cancellationToken);
                if (read == 0) break;
                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(_answer), cancellationToken);
            socket.Shutdown(SocketShutdown.Both);
        }
    }
}
