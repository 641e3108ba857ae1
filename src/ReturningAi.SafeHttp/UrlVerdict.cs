namespace ReturningAi.SafeHttp;

/// <summary>What <see cref="UrlGuard"/> found; the codes are the contract's error codes.</summary>
public enum UrlVerdict
{
    Safe,
    /// <summary><c>invalid_url</c>: not absolute http(s), too long, user-info or a fragment.</summary>
    Invalid,
    /// <summary><c>unsafe_url</c>: http while it is off, or an address that is not public.</summary>
    Unsafe,
    /// <summary><c>unresolvable_host</c>: the name has no address.</summary>
    Unresolvable,
}
