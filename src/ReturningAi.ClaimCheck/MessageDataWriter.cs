using System.Text.Json;
using MassTransit;
using MassTransit.MessageData.Values;

namespace ReturningAi.ClaimCheck;

/// <summary>
/// Checks a value in as JSON: serialized straight into small blocks and stored, the message then carrying only its
/// address. A <see cref="MessageData{T}"/> of <see cref="Stream"/>, because MassTransit reads message data of other
/// types only for message types, and so that a consumer can pass the JSON on without reading it (a reply into a response).
/// Read by address from the repository, not through the bus's <c>UseMessageData</c>: its send convention stalled the
/// send of a message carrying a stored stream (ClaimCheck.Tests), and the consumer decides when to read and to delete.
/// </summary>
public sealed class MessageDataWriter(IMessageDataRepository repository)
{
    private const int BlockSize = 64 * 1024;

    public async Task<MessageData<Stream>> PutJsonAsync<T>(T value, JsonSerializerOptions json, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await using var stream = ClaimCheckStreams.Create();
        await JsonSerializer.SerializeAsync(stream, value, json, cancellationToken);
        stream.Position = 0;
        return new StoredMessageData<Stream>(await repository.Put(stream, timeToLive, cancellationToken), Stream.Null);
    }

    /// <summary>
    /// Checks in what <paramref name="source"/> holds (a request body as it arrives), copied in 64 KiB blocks, never into one
    /// array; null, with nothing stored, as soon as it is longer than <paramref name="maxBytes"/>.
    /// </summary>
    public async Task<MessageData<Stream>?> PutStreamAsync(Stream source, long maxBytes, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await using var stream = ClaimCheckStreams.Create();
        var block = new byte[BlockSize];
        int read;
        while ((read = await source.ReadAsync(block, cancellationToken)) > 0)
        {
            if (stream.Length + read > maxBytes) return null;
            stream.Write(block, 0, read);
        }

        stream.Position = 0;
        return new StoredMessageData<Stream>(await repository.Put(stream, timeToLive, cancellationToken), Stream.Null);
    }

    /// <summary>A checked-in value read back by its address (on the consumer's side).</summary>
    public async Task<T> ReadJsonAsync<T>(MessageData<Stream> data, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        await using var stream = await repository.Get(data.Address, cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, json, cancellationToken)
            ?? throw new InvalidDataException($"The message data at {data.Address} is empty.");
    }
}
