using Npgsql;

namespace ReturningAi.Messaging;

/// <summary>
/// Writes events to <c>outbox_messages</c> on the caller's connection and transaction, and notifies the
/// dispatchers, whose <c>LISTEN</c> wakes when the transaction commits. EF Core units of work need not
/// call it (<see cref="Outbox.AddEvent"/> does, as the transaction commits); code that writes with plain
/// Npgsql calls it as the last statement before its commit, so that positions follow commit order.
/// </summary>
public static class OutboxWriter
{
    public const string Channel = "outbox_messages";

    private const string InsertSql = $"""
        INSERT INTO {MessagingModelExtensions.OutboxTable} (id, source, message_type, body, trace_parent, written_at)
        SELECT e.id, e.source, e.message_type, e.body::jsonb, e.trace_parent, clock_timestamp()
        FROM unnest(@ids, @sources, @types, @bodies, @traces) WITH ORDINALITY AS e(id, source, message_type, body, trace_parent, n)
        ORDER BY e.n
        """;

    private const string NotifySql = $"SELECT pg_notify('{Channel}', '')";

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<OutboxEntry> entries,
        CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        await using var batch = Batch(connection, transaction, entries);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Write(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<OutboxEntry> entries)
    {
        if (entries.Count == 0) return;
        using var batch = Batch(connection, transaction, entries);
        batch.ExecuteNonQuery();
    }

    private static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<OutboxEntry> entries)
    {
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. entries.Select(e => e.Id)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("sources", [.. entries.Select(e => e.Source)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. entries.Select(e => e.MessageType)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("bodies", [.. entries.Select(e => e.Body)]));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("traces", [.. entries.Select(e => e.TraceParent)]));
        return new NpgsqlBatch(connection, transaction) { BatchCommands = { insert, new NpgsqlBatchCommand(NotifySql) } };
    }
}
