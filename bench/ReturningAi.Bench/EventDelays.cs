using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using ReturningAi.TestSupport;

namespace ReturningAi.Bench;

/// <summary>
/// How long events take from the commit that wrote them to a consumer: a queue of the bench's own bound to
/// the event's exchange, each delivery timed on arrival against the commit time the outbox dispatcher puts
/// in its <c>ReturningAi-Written-At</c> header (PostgreSQL's clock on the same machine).
/// </summary>
internal sealed class EventDelays : IAsyncDisposable
{
    private const string WrittenAtHeader = "ReturningAi-Written-At";
    private readonly ConcurrentQueue<double> _delays = new();
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private EventDelays(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public int Count => _delays.Count;

    public static async Task<EventDelays> ListenAsync(string exchange, string communityId)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(TestServers.RabbitMqConnectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, routingKey: "");
        var delays = new EventDelays(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var envelope = JsonDocument.Parse(delivery.Body);
            var root = envelope.RootElement;
            var message = root.GetProperty("message");
            // The store's events name it communityID (the contract's spelling), the product events communityId.
            if ((message.TryGetProperty("communityId", out var community) || message.TryGetProperty("communityID", out community))
                && community.GetString() == communityId
                && root.GetProperty("headers").TryGetProperty(WrittenAtHeader, out var writtenAt))
            {
                delays._delays.Enqueue(received - writtenAt.GetInt64());
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return delays;
    }

    public async Task<double[]> WaitForAsync(int count, TimeSpan limit)
    {
        await Eventually.Until(() => Task.FromResult(Count), n => n >= count, limit, $"{count} events");
        var sorted = _delays.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
