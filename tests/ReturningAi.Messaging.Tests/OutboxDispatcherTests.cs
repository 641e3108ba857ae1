using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.Messaging.Tests;

/// <summary>The dispatcher against real PostgreSQL and RabbitMQ: what it publishes, when, in which order, and who publishes.</summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TestDatabase _database = new();
    private readonly string _run = Guid.NewGuid().ToString("N");
    private IBusControl _bus = null!;
    private BrokerProbe _probe = null!;
    private Dispatchers _dispatchers = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _bus = await TestBus.StartAsync();
        _probe = await BrokerProbe.BindAsync(TestBus.NoteWrittenExchange);
        _dispatchers = new Dispatchers(_database, _bus);
    }

    public async Task DisposeAsync()
    {
        await _dispatchers.DisposeAsync();
        await _probe.DisposeAsync();
        await _bus.StopAsync();
        await _database.DisposeAsync();
    }

    private async Task WriteAsync(string source, int sequence)
    {
        await using var db = _database.Context();
        db.Notes.Add(new Note { Text = $"{_run} {source} {sequence}" });
        db.AddEvent(new NoteWritten(_run, source, sequence, "text"), source);
        await db.SaveChangesAsync();
    }

    /// <summary>This test's events as the broker delivered them, in delivery order.</summary>
    private List<(Guid MessageId, NoteWritten Event, JsonElement Envelope)> Mine() =>
        [.. _probe.Received.Where(e => e.GetProperty("message").GetProperty("run").GetString() == _run)
            .Select(e => (Guid.Parse(e.GetProperty("messageId").GetString()!),
                e.GetProperty("message").Deserialize<NoteWritten>(Json)!, e))];

    private Task<IReadOnlyList<JsonElement>> WaitForAsync(int count) =>
        _probe.WaitForAsync(_ => Mine().Count >= count, Patience, $"{count} events of this test");

    /// <summary>The broker can deliver a row before the round that published it has marked it sent.</summary>
    private Task<long> AllMarkedAsync() =>
        Eventually.Until(() => _database.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"),
            n => n == 0, Patience, "every row to be marked sent");

    [Fact]
    public async Task Publishes_each_row_once_with_its_id_as_MessageId_and_marks_it_sent()
    {
        await WriteAsync("note:a", 1);
        await WriteAsync("note:b", 1);
        await _dispatchers.StartAsync();

        await WaitForAsync(2);
        await Task.Delay(500); // room for a duplicate, were there one
        await _probe.TakeAvailableAsync();
        await AllMarkedAsync();

        var rows = await _database.OutboxAsync();
        Assert.Equal(rows.Select(r => r.Id).Order(), Mine().Select(m => m.MessageId).Order());
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        var envelope = Mine()[0].Envelope;
        Assert.True(envelope.GetProperty("headers").TryGetProperty(OutboxDispatcher.WrittenAtHeader, out _));
    }

    [Fact]
    public async Task Wakes_on_the_commit_instead_of_waiting_for_its_poll()
    {
        var options = Dispatchers.Fast();
        options.PollInterval = TimeSpan.FromMinutes(1);
        var dispatcher = await _dispatchers.StartAsync(options);
        await Eventually.Until(() => Task.FromResult(dispatcher.IsDispatching), leading => leading, Patience, "the dispatcher to take the lead");
        await Task.Delay(500); // past its first round: from here only a notification wakes it within the minute

        var written = Stopwatch.StartNew();
        await WriteAsync("note:woken", 1);
        await WaitForAsync(1);

        Assert.True(written.Elapsed < TimeSpan.FromSeconds(5), $"The event took {written.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task Publishes_a_backlog_in_creation_order_per_source_and_each_row_once()
    {
        var sources = Enumerable.Range(0, 6).Select(s => $"note:{s}").ToArray();
        for (var sequence = 1; sequence <= 50; sequence++)
        {
            foreach (var source in sources) await WriteAsync(source, sequence);
        }

        await _dispatchers.StartAsync();
        await WaitForAsync(300);

        var received = Mine();
        Assert.Equal(300, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(300, received.Count);
        foreach (var source in sources)
        {
            Assert.Equal(Enumerable.Range(1, 50), received.Where(m => m.Event.Source == source).Select(m => m.Event.Sequence));
        }
    }

    [Fact]
    public async Task Of_two_dispatchers_one_publishes_and_the_other_takes_over_when_it_stops()
    {
        var first = await _dispatchers.StartAsync();
        var second = await _dispatchers.StartAsync();
        await Eventually.Until(() => Task.FromResult(first.IsDispatching || second.IsDispatching), leading => leading, Patience, "one to take the lead");
        await Task.Delay(1000); // the other has checked the lock a few times by now
        Assert.True(first.IsDispatching ^ second.IsDispatching, "Exactly one dispatcher leads.");
        Assert.Equal(1, await _database.ScalarAsync(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));

        // Writers racing the two dispatchers: every row once, in order per source.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= 25; sequence++) await WriteAsync($"note:{w}", sequence);
        })));
        await WaitForAsync(100);

        var (leader, standby) = first.IsDispatching ? (first, second) : (second, first);
        await Dispatchers.StopAsync(leader);
        await Eventually.Until(() => Task.FromResult(standby.IsDispatching), leading => leading, TimeSpan.FromSeconds(10), "the standby to take over");
        for (var sequence = 26; sequence <= 30; sequence++) await WriteAsync("note:0", sequence);
        await WaitForAsync(105);
        await Task.Delay(500);
        await _probe.TakeAvailableAsync();

        var received = Mine();
        Assert.Equal(105, received.Count);
        Assert.Equal(105, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 30), received.Where(m => m.Event.Source == "note:0").Select(m => m.Event.Sequence));
        foreach (var writer in new[] { 1, 2, 3 })
        {
            Assert.Equal(Enumerable.Range(1, 25), received.Where(m => m.Event.Source == $"note:{writer}").Select(m => m.Event.Sequence));
        }
    }

    [Fact]
    public async Task Does_not_pass_a_transaction_that_has_written_its_events_but_not_yet_committed()
    {
        await _dispatchers.StartAsync();
        await using var slow = new NpgsqlConnection(_database.ConnectionString);
        await slow.OpenAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await OutboxWriter.WriteAsync(slow, slowTransaction, [OutboxEntry.Create(new NoteWritten(_run, "note:x", 1, "slow"), "note:x")], CancellationToken.None);

        await WriteAsync("note:x", 2);
        await Task.Delay(1000);
        await _probe.TakeAvailableAsync();
        Assert.Empty(Mine());

        await slowTransaction.CommitAsync();
        await OutboxWriter.NotifyAsync(slow, CancellationToken.None);
        await WaitForAsync(2);
        Assert.Equal([1, 2], Mine().Select(m => m.Event.Sequence));
    }

    [Fact]
    public async Task Passes_a_gap_whose_transaction_never_commits_after_the_gap_timeout()
    {
        var options = Dispatchers.Fast();
        options.GapTimeout = TimeSpan.FromMilliseconds(500);
        await _dispatchers.StartAsync(options);
        await WriteAsync("note:y", 1);
        await WaitForAsync(1);

        await using (var failed = new NpgsqlConnection(_database.ConnectionString))
        {
            await failed.OpenAsync();
            await using var transaction = await failed.BeginTransactionAsync();
            await OutboxWriter.WriteAsync(failed, transaction, [OutboxEntry.Create(new NoteWritten(_run, "note:y", 99, "lost"), "note:y")], CancellationToken.None);
            await transaction.RollbackAsync();
        }

        var written = Stopwatch.StartNew();
        await WriteAsync("note:y", 2);
        await WaitForAsync(2);
        Assert.Equal([1, 2], Mine().Select(m => m.Event.Sequence));
        Assert.True(written.Elapsed >= TimeSpan.FromMilliseconds(400), $"Passed the gap after {written.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public async Task Sets_aside_a_row_that_can_never_be_published_and_goes_on()
    {
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await OutboxWriter.WriteAsync(connection, null,
                [new OutboxEntry(Guid.NewGuid(), "note:z", "No.Such.Type, NoSuchAssembly", "{}", null)], CancellationToken.None);
        }

        await WriteAsync("note:z", 1);
        await _dispatchers.StartAsync();
        await WaitForAsync(1);
        await AllMarkedAsync();

        var rows = await _database.OutboxAsync();
        Assert.Contains("No.Such.Type", rows[0].Error, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
    }

    [Fact]
    public async Task Deletes_sent_rows_after_the_retention_and_keeps_pending_and_recent_ones()
    {
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand("""
                INSERT INTO outbox_messages (id, source, message_type, body, written_at, sent_at) VALUES
                  (gen_random_uuid(), 'old', 'x', '{}', now() - interval '3 days', now() - interval '3 days'),
                  (gen_random_uuid(), 'recent', 'x', '{}', now() - interval '1 hour', now() - interval '1 hour');
                INSERT INTO inbox_messages (consumer, message_id, handled_at) VALUES
                  ('c', gen_random_uuid(), now() - interval '10 days'), ('c', gen_random_uuid(), now() - interval '1 day');
                """, connection);
            await seed.ExecuteNonQueryAsync();
        }

        var options = Dispatchers.Fast();
        options.CleanupInterval = TimeSpan.FromMilliseconds(200);
        await _dispatchers.StartAsync(options);
        await WriteAsync("note:kept", 1);

        await Eventually.Until(() => _database.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = 'old'"), n => n == 0, Patience, "the old row to go");
        await Eventually.Until(() => _database.ScalarAsync("SELECT count(*) FROM inbox_messages"), n => n == 1, Patience, "the old inbox row to go");
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = 'recent'"));
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = 'note:kept'"));
    }
}
