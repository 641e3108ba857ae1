using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReturningAi.Messaging.Tests;

/// <summary>Dispatchers of one test database, started and stopped by the test as instances of a service would be.</summary>
public sealed class Dispatchers(TestDatabase database, IBusControl bus) : IAsyncDisposable
{
    private readonly List<OutboxDispatcher> _started = [];

    public async Task<OutboxDispatcher> StartAsync(OutboxOptions? options = null)
    {
        var dispatcher = new OutboxDispatcher(database.ConnectionString, bus, options ?? Fast(), NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);
        _started.Add(dispatcher);
        return dispatcher;
    }

    /// <summary>Intervals short enough for tests; everything else as in the services.</summary>
    public static OutboxOptions Fast() => new()
    {
        StandbyInterval = TimeSpan.FromMilliseconds(200),
        RetryInterval = TimeSpan.FromMilliseconds(200),
    };

    public static async Task StopAsync(OutboxDispatcher dispatcher)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await dispatcher.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dispatcher in _started)
        {
            await StopAsync(dispatcher);
            dispatcher.Dispose();
        }
    }
}
