using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using ReturningAi.TestSupport;

namespace ReturningAi.ClaimCheck.Tests;

/// <summary>MassTransit's message data reference on the real RabbitMQ with this repository: the claim check end to end.</summary>
public sealed class BusTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _queue = $"claim-check-tests-{Guid.NewGuid():N}";

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_checked_in_list_arrives_whole_and_an_inline_message_is_unchanged()
    {
        await using var repository = _database.Repository();
        var received = new TaskCompletionSource<(string Label, IReadOnlyList<string> Items, bool Checked)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(TestServers.RabbitMqConnectionString));
            cfg.ReceiveEndpoint(_queue, endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Handler<Parcel>(async context =>
                {
                    var parcel = context.Message;
                    var items = parcel.ItemsData is { HasValue: true } data
                        ? await new MessageDataWriter(repository).ReadJsonAsync<List<string>>(data, SystemTextJsonMessageSerializer.Options, context.CancellationToken)
                        : parcel.Items;
                    received.TrySetResult((parcel.Label, items, parcel.ItemsData is { HasValue: true }));
                });
            });
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bus.StartAsync(timeout.Token);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{_queue}?autodelete=true"));
            var many = Enumerable.Range(0, 100_000).Select(i => $"item-{i}").ToList();
            var data = await new MessageDataWriter(repository).PutJsonAsync(many, SystemTextJsonMessageSerializer.Options,
                TimeSpan.FromMinutes(1), timeout.Token);

            await endpoint.Send(new Parcel("large", []) { ItemsData = data }, timeout.Token);
            var large = await received.Task.WaitAsync(timeout.Token);

            Assert.Equal("large", large.Label);
            Assert.True(large.Checked);
            Assert.Equal(many, large.Items);
            Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM message_data"));

            received = new(TaskCreationOptions.RunContinuationsAsynchronously);
            await endpoint.Send(new Parcel("small", ["a", "b"]), timeout.Token);
            var small = await received.Task.WaitAsync(timeout.Token);

            Assert.False(small.Checked);
            Assert.Equal(["a", "b"], small.Items);
            Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM message_data"));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void The_address_alone_is_what_the_message_carries()
    {
        var data = new MassTransit.MessageData.Values.StoredMessageData<Stream>(new Uri("urn:returningai:message-data:00"), new MemoryStream("[\"x\"]"u8.ToArray()));
        var json = JsonSerializer.Serialize(new Parcel("l", []) { ItemsData = data }, SystemTextJsonMessageSerializer.Options);

        Assert.Contains("urn:returningai:message-data:00", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"x\"", json, StringComparison.Ordinal);
    }
}
