using System.Data;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Polly;

namespace ReturningAi.ClaimCheck;

/// <summary>
/// MassTransit's message data repository (the claim check) on PostgreSQL, because its EF Core repository is not in
/// this project's package registry: a payload is one row of <c>message_data</c> (id, bytes, expiry), its address
/// <c>urn:returningai:message-data:{id}</c>. Expiry is on the database's clock, so every instance agrees on it. A consumer
/// deletes what it consumed (<see cref="DeleteAsync"/>); what no one consumed is swept once expired (<see cref="SweepAsync"/>).
/// Owns its data source.
/// </summary>
public sealed class PostgresMessageDataRepository(NpgsqlDataSource dataSource, IOptions<ClaimCheckOptions> options)
    : IMessageDataRepository, IAsyncDisposable, IDisposable
{
    private const string AddressPrefix = "urn:returningai:message-data:";

    private readonly TimeSpan _defaultTimeToLive = TimeSpan.FromSeconds(options.Value.DefaultTimeToLiveSeconds);
    private readonly ResiliencePipeline _retry = LostConnectionRetry.Create(dataSource);

    /// <summary>Stores the stream from its position to its end; a seekable stream is read straight into the statement.</summary>
    public async Task<Uri> Put(Stream stream, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            await using var copy = ClaimCheckStreams.Create();
            await stream.CopyToAsync(copy, cancellationToken);
            copy.Position = 0;
            return await Put(copy, timeToLive, cancellationToken);
        }

        var start = stream.Position;
        var size = checked((int)(stream.Length - start));
        // Each attempt under a fresh id: an insert that did land before its connection was lost is swept once expired.
        return await _retry.ExecuteAsync(async token =>
        {
            stream.Position = start;
            var id = NewId.NextGuid();
            await using var command = dataSource.CreateCommand("INSERT INTO message_data (id, data, expires_at) VALUES ($1, $2, now() + $3)");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = stream, Size = size });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = timeToLive ?? _defaultTimeToLive });
            await command.ExecuteNonQueryAsync(token);
            return new Uri(AddressPrefix + id.ToString("N"));
        }, cancellationToken);
    }

    /// <summary>The payload in one array of its exact size; <see cref="MessageDataNotFoundException"/> once deleted or expired.</summary>
    public async Task<Stream> Get(Uri address, CancellationToken cancellationToken = default) =>
        new MemoryStream(await GetBytesAsync(address, cancellationToken), writable: false);

    /// <summary>The payload as one array of its exact size, for a reader that parses it whole.</summary>
    public async Task<byte[]> GetBytesAsync(Uri address, CancellationToken cancellationToken = default)
    {
        if (IdOf(address) is not { } id) throw new MessageDataNotFoundException(address);
        return await _retry.ExecuteAsync(async token =>
        {
            await using var command = dataSource.CreateCommand("SELECT data FROM message_data WHERE id = $1 AND expires_at > now()");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, token);
            if (!await reader.ReadAsync(token)) throw new MessageDataNotFoundException(address);
            return await reader.GetFieldValueAsync<byte[]>(0, token);
        }, cancellationToken);
    }

    /// <summary>
    /// The payload as it comes off the connection, for a reader that passes it on (a reply into a response) without holding it:
    /// the connection stays open until the stream is disposed. <see cref="MessageDataNotFoundException"/> once deleted or expired.
    /// </summary>
    public async Task<StoredPayloadStream> OpenReadAsync(Uri address, CancellationToken cancellationToken = default)
    {
        if (IdOf(address) is not { } id) throw new MessageDataNotFoundException(address);
        // Retried only up to its first byte: the stream is the caller's from then on.
        return await _retry.ExecuteAsync(token => OpenPayloadAsync(address, id, token), cancellationToken);
    }

    private async ValueTask<StoredPayloadStream> OpenPayloadAsync(Uri address, Guid id, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT octet_length(data), data FROM message_data WHERE id = $1 AND expires_at > now()", connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.DisposeAsync();
                throw new MessageDataNotFoundException(address);
            }

            var length = reader.GetInt32(0);
            return new StoredPayloadStream(reader.GetStream(1), length, reader, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes a consumed payload; true if it was there.</summary>
    public async Task<bool> DeleteAsync(Uri address, CancellationToken cancellationToken = default)
    {
        if (IdOf(address) is not { } id) return false;
        return await _retry.ExecuteAsync(async token =>
        {
            await using var command = dataSource.CreateCommand("DELETE FROM message_data WHERE id = $1");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            return await command.ExecuteNonQueryAsync(token) > 0;
        }, cancellationToken);
    }

    /// <summary>Deletes every expired payload; how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM message_data WHERE expires_at <= now()");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True for an address this repository gave out.</summary>
    public static bool Owns(Uri? address) => address is not null && IdOf(address) is not null;

    private static Guid? IdOf(Uri address) =>
        address.OriginalString.StartsWith(AddressPrefix, StringComparison.Ordinal)
        && Guid.TryParseExact(address.OriginalString.AsSpan(AddressPrefix.Length), "N", out var id) ? id : null;

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();
}
