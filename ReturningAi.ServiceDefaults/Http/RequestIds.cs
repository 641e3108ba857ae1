using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>The contract's request-id rule: keep a caller's sane <c>X-Request-Id</c>, otherwise make one.</summary>
public static class RequestIds
{
    private const int MaxLength = 128;
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>The request id of this request, as set by <see cref="RequestIdMiddleware"/>.</summary>
    public static string GetRequestId(this HttpContext context) => context.TraceIdentifier;
}
