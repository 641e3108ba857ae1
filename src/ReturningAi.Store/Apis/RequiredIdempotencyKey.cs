using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Idempotency;

namespace ReturningAi.Store.Apis;

/// <summary>
/// Where points move, the <c>Idempotency-Key</c> is required (rewards.md §3, §4): a retried credit or purchase
/// without one would be carried out twice. The idempotency middleware handles a key that was sent.
/// </summary>
internal static class RequiredIdempotencyKey
{
    public static ErrorItem Missing { get; } =
        new("missing_idempotency_key", $"Send an {IdempotencyKey.HeaderName} header: a retried request with it is carried out once.", IdempotencyKey.HeaderName);

    public static List<ErrorItem> Check(HttpContext http) => http.Request.Headers.ContainsKey(IdempotencyKey.HeaderName) ? [] : [Missing];
}
