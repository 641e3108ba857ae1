using System.Buffers;
using System.Text.Json;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>
/// Reads a JSON array body from a stream one item at a time, each item parsed on its own from a window of the stream,
/// with exactly the problems <see cref="JsonBody.Parse"/> finds in the whole body: a syntax error anywhere wins (located
/// by the same line and byte), then the first text that is not UTF-8. A 10 MiB body is never held whole, nor its
/// document, only the largest item.
/// </summary>
public static class JsonArrayItems
{
    /// <summary>The window's first size: d's products are about 700 KB each.</summary>
    public const int DefaultWindow = 1024 * 1024;

    /// <summary>
    /// Calls <paramref name="item"/> with each item's index and value, in order, until it returns false; the items after it are
    /// still checked and counted. A body that is not an array is read whole and returned as <see cref="JsonBody.Parse"/> gives
    /// it (<see cref="JsonArrayRead.NotAnArray"/>, for the caller to refuse as it refuses such a document). The window doubles
    /// from <paramref name="window"/> bytes until it holds the largest item.
    /// </summary>
    public static async Task<JsonArrayRead> ReadAsync(
        Stream body, JsonDocumentOptions options, Func<int, JsonElement, bool> item, CancellationToken cancellationToken, int window = DefaultWindow)
    {
        using var data = new Window(body, window);
        await data.FillAsync(cancellationToken);
        if (data.Bytes.Span.StartsWith(JsonBody.Utf8Bom)) data.Skip(JsonBody.Utf8Bom.Length);
        if (data.Bytes.Span.TrimStart(" \t\r\n"u8) is not [(byte)'[', ..])
        {
            var (document, error) = JsonBody.Parse(await data.RestAsync(cancellationToken), options);
            return new JsonArrayRead(0, error, document);
        }

        var scan = new Scan(options, item);
        try
        {
            while (!scan.Done)
            {
                data.Skip(scan.Step(data.Bytes, data.AtEnd));
                if (scan.Done) break;
                if (data.AtEnd) throw new InvalidOperationException("The JSON reader stopped before the end of the body.");
                await data.FillAsync(cancellationToken);
            }
        }
        catch (JsonException exception)
        {
            return new JsonArrayRead(scan.Count, JsonBody.Malformed(exception), null);
        }

        return new JsonArrayRead(scan.Count, scan.InvalidText, null);
    }

    /// <summary>The reader's state between windows: where it is in the body, the items seen, the first unreadable text.</summary>
    private sealed class Scan(JsonDocumentOptions options, Func<int, JsonElement, bool> item)
    {
        private JsonReaderState _state = new(new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = options.CommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
        });

        private bool _inArray;
        private bool _afterArray;
        private bool _wantsItems = true;

        public int Count { get; private set; }

        public ErrorItem? InvalidText { get; private set; }

        public bool Done { get; private set; }

        /// <summary>Reads every whole item of the window; how many bytes it consumed.</summary>
        public int Step(ReadOnlyMemory<byte> window, bool isFinalBlock)
        {
            var reader = new Utf8JsonReader(window.Span, isFinalBlock, _state);
            while (true)
            {
                if (_afterArray)
                {
                    // Only whitespace may follow; the reader throws at anything else, as JsonDocument.Parse does.
                    if (reader.Read()) continue;
                    Done = isFinalBlock;
                    break;
                }

                var before = reader;
                if (!reader.Read()) break;
                if (!_inArray)
                {
                    _inArray = true;
                    continue;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _afterArray = true;
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    reader = before;
                    break;
                }

                ReadItem(window[start..(int)reader.BytesConsumed]);
            }

            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private void ReadItem(ReadOnlyMemory<byte> json)
        {
            var index = Count++;
            if (InvalidText is not null) return;
            using var document = JsonDocument.Parse(json, options);
            InvalidText = JsonBody.InvalidText(document.RootElement, $"[{index}]");
            if (InvalidText is null && _wantsItems) _wantsItems = item(index, document.RootElement);
        }
    }

    /// <summary>The bytes read from the stream and not yet consumed, in one pooled buffer that grows to hold the largest item.</summary>
    private sealed class Window(Stream stream, int size) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(size);
        private int _start;
        private int _end;

        public bool AtEnd { get; private set; }

        public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(_start, _end - _start);

        public void Skip(int count) => _start += count;

        /// <summary>Moves what is left to the front, grows the buffer if that is all it holds, and reads until it is full.</summary>
        public async Task FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
            }

            if (_end == _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            while (_end < _buffer.Length)
            {
                var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
                if (read == 0)
                {
                    AtEnd = true;
                    return;
                }

                _end += read;
            }
        }

        /// <summary>The rest of the body, this window's bytes included, in one array.</summary>
        public async Task<ReadOnlyMemory<byte>> RestAsync(CancellationToken cancellationToken)
        {
            using var rest = new MemoryStream();
            rest.Write(Bytes.Span);
            await stream.CopyToAsync(rest, cancellationToken);
            return rest.GetBuffer().AsMemory(0, (int)rest.Length);
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}
