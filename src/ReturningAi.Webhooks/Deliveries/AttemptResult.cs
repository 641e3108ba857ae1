namespace ReturningAi.Webhooks.Deliveries;

/// <summary>What one attempt came to: a 2xx, or the error code of the delivery log, with what the receiver asked for.</summary>
public sealed record AttemptResult(bool Succeeded, int? StatusCode, string? ErrorCode, string? ErrorMessage, TimeSpan? RetryAfter = null)
{
    public bool Gone => StatusCode == 410;

    public static AttemptResult Success(int statusCode) => new(true, statusCode, null, null);

    public static AttemptResult Failure(string code, string message, int? statusCode = null, TimeSpan? retryAfter = null) =>
        new(false, statusCode, code, message, retryAfter);
}
