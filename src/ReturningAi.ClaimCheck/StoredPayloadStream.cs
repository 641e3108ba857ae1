using Npgsql;

namespace ReturningAi.ClaimCheck;

/// <summary>
/// A stored payload read as it arrives from PostgreSQL (<see cref="PostgresMessageDataRepository.OpenReadAsync"/>): its length
/// is known before the first byte, and disposing it closes the reader and gives the connection back.
/// </summary>
public sealed class StoredPayloadStream : Stream
{
    private readonly Stream _column;
    private readonly NpgsqlDataReader _reader;
    private readonly NpgsqlConnection _connection;

    internal StoredPayloadStream(Stream column, long length, NpgsqlDataReader reader, NpgsqlConnection connection) =>
        (_column, PayloadLength, _reader, _connection) = (column, length, reader, connection);

    /// <summary>The payload's length in bytes.</summary>
    public long PayloadLength { get; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => PayloadLength;

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _column.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _column.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _column.ReadAsync(buffer, cancellationToken);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _column.DisposeAsync();
        await _reader.DisposeAsync();
        await _connection.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _column.Dispose();
            _reader.Dispose();
            _connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
