using Microsoft.Extensions.Primitives;

namespace ReturningAi.Gateway.Authentication;

/// <summary>
/// Where a partner puts an API key: <c>Authorization: Bearer &lt;token&gt;</c> or, as the product's
/// documentation shows, <c>x-api-key: &lt;token&gt;</c>. Both at once must name the same key.
/// </summary>
public static class ApiKeyHeaders
{
    public const string ApiKey = "x-api-key";

    public enum Outcome { Missing, Malformed, Conflicting, Present }

    public static Outcome TryRead(IHeaderDictionary headers, out string token) => TryRead(headers, out token, out _, out _);

    /// <param name="fromBearer">The Authorization header's token ("" when absent).</param>
    /// <param name="fromApiKey">The x-api-key header's token ("" when absent).</param>
    public static Outcome TryRead(IHeaderDictionary headers, out string token, out string fromBearer, out string fromApiKey)
    {
        token = "";
        var bearer = BearerToken.TryRead(headers.Authorization, out fromBearer);
        var apiKey = ReadApiKey(headers[ApiKey], out fromApiKey);
        if (bearer == BearerToken.Outcome.Malformed || apiKey == BearerToken.Outcome.Malformed) return Outcome.Malformed;
        if (bearer == BearerToken.Outcome.Missing && apiKey == BearerToken.Outcome.Missing) return Outcome.Missing;
        if (bearer == BearerToken.Outcome.Present && apiKey == BearerToken.Outcome.Present
            && !string.Equals(fromBearer, fromApiKey, StringComparison.Ordinal))
        {
            return Outcome.Conflicting;
        }

        token = bearer == BearerToken.Outcome.Present ? fromBearer : fromApiKey;
        return Outcome.Present;
    }

    private static BearerToken.Outcome ReadApiKey(StringValues header, out string token)
    {
        token = "";
        if (StringValues.IsNullOrEmpty(header)) return BearerToken.Outcome.Missing;
        return header.Count == 1 ? BearerToken.TryReadToken(header.ToString(), out token) : BearerToken.Outcome.Malformed;
    }
}
