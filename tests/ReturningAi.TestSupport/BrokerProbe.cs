using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ReturningAi.TestSupport;

/// <summary>
/// A queue of the test's own bound to MassTransit message exchanges on the real broker, to see exactly
/// what services publish: every delivery, duplicates included, in the order the queue got them.
/// </summary>
public sealed class BrokerProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;
    private readonly List<JsonElement> _received = [];

    private BrokerProbe(IConnection connection, IChannel channel, string queue) =>
        (_connection, _channel, _queue) = (connection, channel, queue);

    /// <summary>Every envelope taken from the queue so far (MassTransit's: <c>messageId</c>, <c>headers</c>, <c>message</c>).</summary>
    public IReadOnlyList<JsonElement> Received => _received;

    /// <param name="exchanges">MassTransit's exchange names, <c>Namespace:Type</c> or the entity name a message was given.</param>
    /// <param name="survivesBrokerRestart">
    /// A durable queue that expires ten minutes after its last use, instead of one that goes with the
    /// connection: for tests that restart the broker and must not miss what is published after it.
    /// </param>
    public static async Task<BrokerProbe> BindAsync(IEnumerable<string> exchanges, bool survivesBrokerRestart = false)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestServers.RabbitMqConnectionString), AutomaticRecoveryEnabled = true };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = survivesBrokerRestart
            ? (await channel.QueueDeclareAsync($"test-probe-{Guid.NewGuid():N}", durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-expires"] = 600_000 })).QueueName
            : (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in exchanges)
        {
            // Declared as MassTransit declares it, so that binding works before the first publish.
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, routingKey: "");
        }

        return new BrokerProbe(connection, channel, queue);
    }

    public static Task<BrokerProbe> BindAsync(string exchange) => BindAsync([exchange]);

    public async Task<JsonElement> NextMessageAsync(Func<JsonElement, bool> match, TimeSpan limit)
    {
        var seen = _received.Count;
        await WaitForAsync(received => received.Skip(seen).Any(match), limit, "a matching message");
        return _received.Skip(seen).First(match);
    }

    /// <summary>Takes deliveries from the queue until <paramref name="done"/> holds for all of them, or the limit passes.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan limit, string what)
    {
        await Eventually.Until(async () =>
        {
            await TakeAvailableAsync();
            return done(_received);
        }, finished => finished, limit, $"{what} on {_queue}");
        return _received;
    }

    /// <summary>Takes whatever has arrived, without waiting.</summary>
    public async Task<IReadOnlyList<JsonElement>> TakeAvailableAsync()
    {
        while (true)
        {
            BasicGetResult? result;
            try
            {
                result = await _channel.BasicGetAsync(_queue, autoAck: true);
            }
            catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or IOException)
            {
                return _received; // the broker is away; the connection recovers by itself
            }

            if (result is null) return _received;
            _received.Add(JsonDocument.Parse(result.Body).RootElement.Clone());
        }
    }

    /// <summary>How many messages wait in a queue (not yet delivered to its consumers).</summary>
    public async Task<uint> QueueDepthAsync(string queue) => (await _channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    /// <summary>Publishes an envelope as MassTransit does (one received earlier, say): a duplicate under its message id.</summary>
    public async Task PublishAsync(string exchange, string envelope)
    {
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        await _channel.BasicPublishAsync(exchange, routingKey: "", mandatory: false, properties, System.Text.Encoding.UTF8.GetBytes(envelope));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel.QueueDeleteAsync(_queue);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException)
        {
            // An exclusive queue goes with the connection; a durable one expires by itself.
        }

        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
