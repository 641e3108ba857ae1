using ReturningAi.Contracts.Commands;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// The gateway's part of <c>Idempotency-Key</c> for the commands it sends itself: check the key, hash the
/// body while it is read, and stamp both on the command; the store keeps the key with its reply.
/// </summary>
public sealed class IdempotencyHeader
{
    private readonly string? _key;
    private readonly HashingReadStream? _body;

    private IdempotencyHeader(string? key, HashingReadStream? body) => (_key, _body) = (key, body);

    /// <summary>Null with an error result when the key is malformed.</summary>
    public static (IdempotencyHeader? Header, IResult? Error) Read(HttpContext http)
    {
        if (!http.Request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var values)) return (new IdempotencyHeader(null, null), null);

        var key = values.ToString();
        if (!IdempotencyKey.IsValid(key))
        {
            return (null, ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_idempotency_key",
                $"{IdempotencyKey.HeaderName} must be 1–{IdempotencyKey.MaxLength} characters.", IdempotencyKey.HeaderName));
        }

        var body = new HashingReadStream(http.Request.Body, $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}");
        http.Request.Body = body;
        http.Response.RegisterForDispose(body);
        return (new IdempotencyHeader(key, body), null);
    }

    /// <summary>The stamp for the command, once the body has been read.</summary>
    public IdempotencyStamp? Stamp() => _key is null ? null : new IdempotencyStamp(_key, _body!.Hash());
}
