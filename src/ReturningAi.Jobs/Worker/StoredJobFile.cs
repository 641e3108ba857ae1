using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace ReturningAi.Jobs.Worker;

/// <summary>
/// A job's stored file read as a stream (<see cref="CommandBehavior.SequentialAccess"/>), so a running job holds Npgsql's
/// buffer of it instead of the whole file (up to 10 MiB, on the large object heap) for the run. It reads on a connection
/// of its own: the job's context records chunks on its connection meanwhile.
/// </summary>
internal sealed class StoredJobFile : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlDataReader _reader;

    private StoredJobFile(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader, Stream content)
    {
        (_connection, _command, _reader) = (connection, command, reader);
        Content = content;
    }

    public Stream Content { get; }

    public static async Task<StoredJobFile> OpenAsync(string connectionString, string jobId, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var command = new NpgsqlCommand("SELECT content FROM job_files WHERE job_id = $1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = jobId, NpgsqlDbType = NpgsqlDbType.Char } },
            };
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException($"Job {jobId} has no stored file.");
            return new StoredJobFile(connection, command, reader, await reader.GetStreamAsync(0, cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        await _reader.DisposeAsync();
        await _command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
