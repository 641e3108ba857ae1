namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>The contract's rules for the <c>Idempotency-Key</c> header.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>The same key and body within this time replay the first response.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A request still "in progress" after this long has crashed; its key may be taken over.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength };
}
