using Microsoft.Extensions.Primitives;

namespace ReturningAi.Gateway.Authentication;

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer ";
    private const int MaxTokenLength = 512;

    public enum Outcome { Missing, Malformed, Present }

    public static Outcome TryRead(StringValues header, out string token)
    {
        token = "";
        if (StringValues.IsNullOrEmpty(header)) return Outcome.Missing;
        if (header.Count != 1) return Outcome.Malformed;

        var value = header.ToString();
        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return Outcome.Malformed;
        return TryReadToken(value[Scheme.Length..], out token);
    }

    /// <summary>A bare token (the part after <c>Bearer</c>, or an <c>x-api-key</c> header's value).</summary>
    public static Outcome TryReadToken(string value, out string token)
    {
        token = "";
        var candidate = value.Trim();
        if (candidate.Length is 0 or > MaxTokenLength || candidate.Any(c => c is <= ' ' or > '~')) return Outcome.Malformed;

        token = candidate;
        return Outcome.Present;
    }
}
