using MassTransit;
using ReturningAi.TestSupport;

namespace ReturningAi.Messaging.Tests;

/// <summary>A MassTransit bus on the real RabbitMQ, for the dispatchers under test to publish through.</summary>
public static class TestBus
{
    public const string NoteWrittenExchange = "ReturningAi.Messaging.Tests:NoteWritten";

    public static async Task<IBusControl> StartAsync(Action<IRabbitMqBusFactoryConfigurator>? configure = null)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(TestServers.RabbitMqConnectionString));
            configure?.Invoke(cfg);
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return bus;
    }
}
