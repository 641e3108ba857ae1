using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ReturningAi.Messaging;

/// <summary>
/// Publishes a database's outbox through MassTransit, each row with its id as the MessageId, and marks
/// it sent. Every instance of a service runs one; <b>one at a time dispatches</b>: the one holding a
/// PostgreSQL session advisory lock on its own connection. The others check every second and take over
/// within one when it goes (its session ends with its process or its connection). This is what keeps
/// each source's events in creation order: two instances each taking a <c>FOR UPDATE SKIP LOCKED</c>
/// batch would publish one source's rows 10 and 11 side by side, in either order. The dispatching
/// instance reads pending rows in position order, publishes each source's rows one after another
/// (sources side by side), and does not pass a gap in positions (a transaction that has written its
/// events but not yet committed) for up to <see cref="OutboxOptions.GapTimeout"/>. Positions are
/// assigned as transactions commit (<see cref="OutboxWriter"/>), so they follow commit order for
/// transactions that touched the same data.
/// <para>
/// It wakes on the NOTIFY each writing transaction sends once it has committed, lets the commits of
/// the next few milliseconds join it (<see cref="OutboxOptions.CoalesceDelay"/>), and polls every
/// second in case one is missed. Each publish is bounded (<see cref="OutboxOptions.PublishTimeout"/>),
/// so a broker away or restarting never holds it: a round whose publishes fail is tried again a second
/// later, and a publish that outlives its bound (MassTransit may still send it once reconnected) is
/// watched, not repeated, until it ends. It does not wait for the bus's health: that follows the
/// receive endpoints, which reconnect up to a minute after the connection that publishes. Delivery is
/// at least once: a dispatcher that dies between a publish and its mark sends the row again, with the
/// same MessageId, for the consumer's inbox to drop. Sent rows are deleted after
/// <see cref="OutboxOptions.Retention"/>, inbox rows after <see cref="OutboxOptions.InboxRetention"/>.
/// </para>
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    /// <summary>The header carrying when the event's transaction wrote it (Unix milliseconds): commit-to-receipt delays.</summary>
    public const string WrittenAtHeader = "ReturningAi-Written-At";

    public const string TelemetryName = "ReturningAi.Messaging";

    // One dispatcher per database: advisory locks are scoped to the database.
    private const long LockKey = 0x5265_4169_4F75_7462; // "ReAiOutb"
    private const int CleanupChunk = 5_000;

    /// <summary>How long a publish that outlived its timeout is waited for before the row is published again.</summary>
    private static readonly TimeSpan UnconfirmedLimit = TimeSpan.FromMinutes(2);

    private static readonly ActivitySource Activities = new(TelemetryName);
    private static readonly Meter Meter = new(TelemetryName);
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("returningai.outbox.published", "{message}", "Outbox rows published.");
    private static readonly Histogram<double> Delay = Meter.CreateHistogram<double>("returningai.outbox.delay", "ms",
        "From the commit that wrote an event to the broker's confirmation of its publish.");

    private readonly string _connectionString;
    private readonly IBus _bus;
    private readonly OutboxOptions _options;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly ConcurrentDictionary<string, Type?> _types = new();
    private readonly ConcurrentDictionary<long, (Task Publish, long Since)> _unconfirmed = new();
    private volatile bool _notified;
    private long _handledUpTo;
    private (long Position, long Since)? _gap;

    /// <summary>Whether rows above the mark may have been sent already (a round failed for some sources): only then is a gap counted.</summary>
    private bool _sentAboveMark;
    private long? _failingSince;

    public OutboxDispatcher(string connectionString, IBus bus, OutboxOptions options, ILogger<OutboxDispatcher> logger)
    {
        // Its own session, never pooled: the lock and the LISTEN live exactly as long as it.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 10 }.ConnectionString;
        _bus = bus;
        _options = options;
        _logger = logger;
    }

    /// <summary>True while this instance holds the lock and dispatches.</summary>
    public bool IsDispatching { get; private set; }

    private enum Round
    {
        Idle,
        Full,
        WaitingForGap,
        Failed,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stoppingToken);
                while (!await TryLockAsync(connection, stoppingToken)) await Task.Delay(_options.StandbyInterval, stoppingToken);
                failures = 0;
                await DispatchAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database away (or anything unforeseen): start over on a new connection rather than stop the service.
                IsDispatching = false;
                if (failures++ == 0)
                {
                    _logger.Log(exception is NpgsqlException or IOException or TimeoutException ? LogLevel.Warning : LogLevel.Error, exception,
                        "The outbox dispatcher stopped on an error; trying again every {Interval}", _options.RetryInterval);
                }

                await Task.Delay(_options.RetryInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task DispatchAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        _gap = null;
        _sentAboveMark = false;
        IsDispatching = true;
        _logger.LogInformation("This instance dispatches the outbox of database {Database}", connection.Database);
        connection.Notification += OnNotification;
        try
        {
            await using (var listen = new NpgsqlCommand($"LISTEN {OutboxWriter.Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            // Where the last dispatcher got to (cleanup always keeps that row): gaps are looked for above it.
            await using (var last = new NpgsqlCommand(
                $"SELECT position FROM {MessagingModelExtensions.OutboxTable} WHERE sent_at IS NOT NULL ORDER BY position DESC LIMIT 1", connection))
            {
                _handledUpTo = await last.ExecuteScalarAsync(cancellationToken) as long? ?? 0;
            }

            var cleanupDue = Stopwatch.GetTimestamp();
            while (true)
            {
                _notified = false;
                var round = await DispatchBatchAsync(connection, cancellationToken);
                if (round == Round.Failed)
                {
                    await Task.Delay(_options.RetryInterval, cancellationToken);
                    continue;
                }

                if (round == Round.Full) continue;
                if (Stopwatch.GetTimestamp() >= cleanupDue)
                {
                    await CleanUpAsync(connection, cancellationToken);
                    cleanupDue = Stopwatch.GetTimestamp() + (long)(_options.CleanupInterval.TotalSeconds * Stopwatch.Frequency);
                }

                // A notification that came while this round ran may be for a row it did not see.
                if (!_notified && !await connection.WaitAsync(_options.PollInterval, cancellationToken)) continue;

                // Woken by a commit: let the commits of the moment join it, for fewer and fuller rounds under load.
                await Task.Delay(_options.CoalesceDelay, cancellationToken);
            }
        }
        finally
        {
            connection.Notification -= OnNotification;
            IsDispatching = false;
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e) => _notified = true;

    private async Task<Round> DispatchBatchAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var (position, earlier) in _unconfirmed)
        {
            // Published meanwhile by another instance, or never to end: nothing to wait for any more.
            if (Stopwatch.GetElapsedTime(earlier.Since) > UnconfirmedLimit) _unconfirmed.TryRemove(position, out _);
        }

        var rows = await ReadPendingAsync(connection, cancellationToken);
        if (rows.Count == 0) return Recovered(Round.Idle);

        var (ready, nextExpected, stoppedAtGap) = await TakeInOrderAsync(connection, rows, cancellationToken);
        var published = new ConcurrentBag<long>();
        var dead = new ConcurrentBag<(long Position, string Error)>();
        var failed = false;
        await Parallel.ForEachAsync(ready.GroupBy(r => r.Source), new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.ParallelSources,
            CancellationToken = cancellationToken,
        }, async (source, token) =>
        {
            foreach (var row in source)
            {
                var error = await PublishAsync(row, token);
                if (error is null)
                {
                    published.Add(row.Position);
                }
                else if (error.Value.Dead)
                {
                    dead.Add((row.Position, error.Value.Message));
                }
                else
                {
                    failed = true;
                    return; // the source's later rows wait for this one
                }
            }
        });

        await MarkAsync(connection, [.. published], [.. dead], cancellationToken);
        var handled = published.Concat(dead.Select(d => d.Position)).ToHashSet();
        var firstUnhandled = ready.FirstOrDefault(r => !handled.Contains(r.Position));
        _handledUpTo = Math.Max(_handledUpTo, firstUnhandled is null ? nextExpected - 1 : firstUnhandled.Position - 1);

        if (failed)
        {
            _sentAboveMark = true;
            return Failing();
        }

        // Every pending row was read and is handled: nothing above the mark was sent out of turn.
        if (!stoppedAtGap && rows.Count < _options.BatchSize) _sentAboveMark = false;
        Recovered(Round.Idle);
        if (stoppedAtGap) return Round.WaitingForGap;
        return rows.Count == _options.BatchSize ? Round.Full : Round.Idle;
    }

    private async Task<List<OutboxRow>> ReadPendingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT position, id, source, message_type, body::text, trace_parent, written_at
            FROM {MessagingModelExtensions.OutboxTable} WHERE sent_at IS NULL ORDER BY position LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("limit", _options.BatchSize);
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }

    /// <summary>
    /// The pending rows that may go now, in position order: up to the first gap (a position held by a
    /// transaction not yet committed), unless that gap has lasted past <see cref="OutboxOptions.GapTimeout"/>
    /// (its commit failed). Also the position expected next.
    /// </summary>
    private async Task<(List<OutboxRow> Ready, long NextExpected, bool StoppedAtGap)> TakeInOrderAsync(
        NpgsqlConnection connection, List<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var expected = _handledUpTo + 1;
        var ready = new List<OutboxRow>(rows.Count);
        foreach (var row in rows)
        {
            // Rows between are missing, or sent already if an earlier round failed for some sources.
            if (row.Position > expected
                && (!_sentAboveMark || await CountAsync(connection, expected, row.Position, cancellationToken) < row.Position - expected))
            {
                var now = Stopwatch.GetTimestamp();
                if (_gap?.Position != expected) _gap = (expected, now);
                if (Stopwatch.GetElapsedTime(_gap.Value.Since, now) < _options.GapTimeout) return (ready, expected, true);
            }

            expected = Math.Max(expected, row.Position + 1);
            ready.Add(row);
        }

        return (ready, expected, false);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, long from, long to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM {MessagingModelExtensions.OutboxTable} WHERE position >= @from AND position < @to", connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <returns>Null when published; else why not, and whether the row can never be published.</returns>
    private async Task<(string Message, bool Dead)?> PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        // A publish that outlived its timeout may still go out once the bus has reconnected: it is watched, not
        // repeated, until it ends (or for so long that it never will), so that the broker gets the row once.
        if (_unconfirmed.TryRemove(row.Position, out var earlier))
        {
            if (earlier.Publish.IsCompletedSuccessfully) return Confirmed(row);
            if (!earlier.Publish.IsCompleted && Stopwatch.GetElapsedTime(earlier.Since) < UnconfirmedLimit)
            {
                _unconfirmed[row.Position] = earlier;
                return ("An earlier publish of the row has not ended yet.", false);
            }
        }

        var type = _types.GetOrAdd(row.MessageType, name => Type.GetType(name, throwOnError: false));
        if (type is null) return ($"The type {row.MessageType} is not known to this service.", true);
        object? message;
        try
        {
            message = JsonSerializer.Deserialize(row.Body, type, OutboxEntry.Json);
        }
        catch (JsonException exception)
        {
            return ($"The body does not read as {type.Name}: {exception.Message}", true);
        }

        if (message is null) return ("The body is null.", true);

        using var activity = Activities.StartActivity("outbox publish", ActivityKind.Internal,
            ActivityContext.TryParse(row.TraceParent, null, out var parent) ? parent : default);
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        var publish = _bus.Publish(message, type, Pipe.Execute<PublishContext>(context =>
        {
            context.MessageId = row.Id;
            context.Headers.Set(WrittenAtHeader, row.WrittenAt.ToUnixTimeMilliseconds());
        }), timeout.Token);
        try
        {
            // WaitAsync: while the bus reconnects a publish can outwait its token (see BrokerPatience in the store).
            await publish.WaitAsync(_options.PublishTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!publish.IsCompleted) _unconfirmed[row.Position] = (publish, Stopwatch.GetTimestamp());
            if (_failingSince is null) _logger.LogWarning(exception, "Could not publish outbox row {Position}; trying again", row.Position);
            return (exception.Message, false);
        }

        return Confirmed(row);
    }

    private static (string Message, bool Dead)? Confirmed(OutboxRow row)
    {
        Published.Add(1);
        Delay.Record((DateTimeOffset.UtcNow - row.WrittenAt).TotalMilliseconds);
        return null;
    }

    private static async Task MarkAsync(NpgsqlConnection connection, long[] published, (long Position, string Error)[] dead, CancellationToken cancellationToken)
    {
        if (published.Length > 0)
        {
            await using var command = new NpgsqlCommand(
                $"UPDATE {MessagingModelExtensions.OutboxTable} SET sent_at = clock_timestamp() WHERE position = ANY(@positions)", connection);
            command.Parameters.AddWithValue("positions", published);
            // Marks even if shutdown has begun: the rows did go out.
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        if (dead.Length > 0)
        {
            await using var command = new NpgsqlCommand($"""
                UPDATE {MessagingModelExtensions.OutboxTable} o SET sent_at = clock_timestamp(), error = d.error
                FROM unnest(@positions, @errors) AS d(position, error) WHERE o.position = d.position
                """, connection);
            command.Parameters.AddWithValue("positions", dead.Select(d => d.Position).ToArray());
            command.Parameters.AddWithValue("errors", dead.Select(d => d.Error.Length > 2000 ? d.Error[..2000] : d.Error).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private Round Failing()
    {
        if (_failingSince is null)
        {
            _failingSince = Stopwatch.GetTimestamp();
            _logger.LogWarning("The outbox cannot publish; trying again every {Interval}", _options.RetryInterval);
        }

        return Round.Failed;
    }

    private Round Recovered(Round round)
    {
        if (_failingSince is { } since)
        {
            _logger.LogInformation("The outbox publishes again after {Seconds:0.0} s", Stopwatch.GetElapsedTime(since).TotalSeconds);
            _failingSince = null;
        }

        return round;
    }

    private async Task CleanUpAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The newest sent row stays, as the mark a dispatcher taking over starts from.
        var deleted = await DeleteOlderThanAsync(connection, MessagingModelExtensions.OutboxTable, "position",
            $"sent_at < clock_timestamp() - @age AND position < (SELECT max(position) FROM {MessagingModelExtensions.OutboxTable} WHERE sent_at IS NOT NULL)",
            "sent_at", _options.Retention, cancellationToken);
        await using var inbox = new NpgsqlCommand($"SELECT to_regclass('{MessagingModelExtensions.InboxTable}') IS NOT NULL", connection);
        if ((bool)(await inbox.ExecuteScalarAsync(cancellationToken))!)
        {
            deleted += await DeleteOlderThanAsync(connection, MessagingModelExtensions.InboxTable, "consumer, message_id",
                "handled_at < clock_timestamp() - @age", "handled_at", _options.InboxRetention, cancellationToken);
        }

        if (deleted > 0) _logger.LogInformation("Deleted {Count} old outbox and inbox rows", deleted);
    }

    /// <summary>In chunks, so that no delete holds many rows' locks or a long transaction.</summary>
    private static async Task<long> DeleteOlderThanAsync(NpgsqlConnection connection, string table, string key, string condition, string order,
        TimeSpan age, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            DELETE FROM {table} WHERE ({key}) IN (SELECT {key} FROM {table} WHERE {condition} ORDER BY {order} LIMIT {CleanupChunk})
            """, connection);
        command.Parameters.AddWithValue("age", age);
        long total = 0;
        int deleted;
        do
        {
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == CleanupChunk);
        return total;
    }
}
