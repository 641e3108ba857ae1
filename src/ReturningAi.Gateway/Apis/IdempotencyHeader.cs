using System.Security.Cryptography;
using System.Text;
using ReturningAi.Contracts.Commands;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// The gateway's part of <c>Idempotency-Key</c> for the commands it sends itself: check the key, hash the
/// request while it is read, and stamp both on the command; the store keeps the key with its reply.
/// A JSON body is hashed as it streams; a CSV upload by its file alone, because the multipart framing
/// around it (the boundary) changes each time a client sends the same file.
/// </summary>
public sealed class IdempotencyHeader
{
    private readonly string? _key;
    private readonly string _requestLine;
    private readonly HashingReadStream? _body;
    private byte[]? _fileHash;
    private Func<byte[]>? _streamedFileHash;

    private IdempotencyHeader(string? key, string requestLine, HashingReadStream? body) =>
        (_key, _requestLine, _body) = (key, requestLine, body);

    /// <summary>Null with an error result when the key is malformed.</summary>
    public static (IdempotencyHeader? Header, IResult? Error) Read(HttpContext http)
    {
        var requestLine = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
        if (!http.Request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var values)) return (new IdempotencyHeader(null, requestLine, null), null);

        var key = values.ToString();
        if (!IdempotencyKey.IsValid(key))
        {
            return (null, ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_idempotency_key",
                $"{IdempotencyKey.HeaderName} must be 1–{IdempotencyKey.MaxLength} characters.", IdempotencyKey.HeaderName));
        }

        if (http.Request.HasFormContentType) return (new IdempotencyHeader(key, requestLine, null), null); // see HashUploadedFile

        var body = new HashingReadStream(http.Request.Body, requestLine);
        http.Request.Body = body;
        http.Response.RegisterForDispose(body);
        return (new IdempotencyHeader(key, requestLine, body), null);
    }

    /// <summary>Ties the key to the uploaded file's bytes (and the request line), whatever framing carried them.</summary>
    public void HashUploadedFile(ReadOnlySpan<byte> file)
    {
        if (_key is null) return;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(_requestLine + "\n"));
        hash.AppendData(file);
        _fileHash = hash.GetHashAndReset();
    }

    /// <summary>
    /// The uploaded file's body, hashed as it is read (the same hash as <see cref="HashUploadedFile"/> of its bytes), for a
    /// file that is streamed on rather than held.
    /// </summary>
    public Stream HashingUploadedFile(HttpContext http, Stream file)
    {
        if (_key is null) return file;
        var hashing = new HashingReadStream(file, _requestLine);
        http.Response.RegisterForDispose(hashing);
        _streamedFileHash = hashing.Hash;
        return hashing;
    }

    /// <summary>The stamp for the command, once the body has been read.</summary>
    public IdempotencyStamp? Stamp() => _key is null
        ? null
        : new IdempotencyStamp(_key, _fileHash ?? _streamedFileHash?.Invoke() ?? _body?.Hash()
            ?? throw new InvalidOperationException("The request was stamped before its body was read."));
}
