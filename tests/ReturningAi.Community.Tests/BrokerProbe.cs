using System.Text.Json;
using RabbitMQ.Client;
using ReturningAi.TestSupport;

namespace ReturningAi.Community.Tests;

/// <summary>A throw-away queue bound to a MassTransit message exchange on the real broker, to see what a service publishes.</summary>
public sealed class BrokerProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private BrokerProbe(IConnection connection, IChannel channel, string queue) =>
        (_connection, _channel, _queue) = (connection, channel, queue);

    public static async Task<BrokerProbe> BindAsync(string exchange)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestServers.RabbitMqConnectionString) };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // Declared as MassTransit declares it, so that binding works before the first publish.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, routingKey: "");
        return new BrokerProbe(connection, channel, queue);
    }

    public async Task<JsonElement> NextMessageAsync(Func<JsonElement, bool> match, TimeSpan limit)
    {
        return await Eventually.Until(async () =>
        {
            var result = await _channel.BasicGetAsync(_queue, autoAck: true);
            if (result is null) return (JsonElement?)null;
            var envelope = JsonDocument.Parse(result.Body).RootElement.Clone();
            return match(envelope) ? envelope : null;
        }, found => found is not null, limit, $"a matching message on {_queue}") ?? default;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
