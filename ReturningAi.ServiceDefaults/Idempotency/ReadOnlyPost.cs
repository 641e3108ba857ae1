namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>
/// Marks a POST that only reads (a search, a look-up): its <c>Idempotency-Key</c> is ignored, since
/// replaying a stale answer would be wrong and repeating it is harmless.
/// </summary>
public sealed class ReadOnlyPost
{
    public static ReadOnlyPost Instance { get; } = new();

    private ReadOnlyPost()
    {
    }
}
