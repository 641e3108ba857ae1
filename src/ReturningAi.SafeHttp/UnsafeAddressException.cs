namespace ReturningAi.SafeHttp;

/// <summary>A connection refused before it was made: the host is not (or no longer) allowed, or does not resolve.</summary>
public sealed class UnsafeAddressException(UrlVerdict verdict, string message) : Exception(message)
{
    public UrlVerdict Verdict { get; } = verdict;
}
