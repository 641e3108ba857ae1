using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReturningAi.Webhooks.Signing;

/// <summary>
/// Standard Webhooks v1 signatures: <c>v1,</c> + base64(HMAC-SHA256(key, <c>{webhook-id}.{webhook-timestamp}.{body}</c>)).
/// The header holds one signature a secret, newest first, separated by spaces (two for 24 h after a rotation).
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string Version = "v1";

    /// <summary>How far a receiver lets a timestamp stray from its clock, as the specification advises.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return Version + "," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.Decode(secret), content));
    }

    /// <summary>The <c>webhook-signature</c> value: one signature for each secret, in the order given.</summary>
    public static string Header(IEnumerable<string> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var signatures = new List<string>();
        foreach (var secret in secrets) signatures.Add(Sign(secret, id, timestamp, body));
        return string.Join(' ', signatures);
    }

    /// <summary>
    /// A receiver's check: some signature of the header is this secret's (compared in constant time) and the
    /// timestamp is within <see cref="Tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, ReadOnlySpan<byte> body, string signatureHeader, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signatureHeader);
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance) return false;

        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, seconds, body));
        var matched = false;
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected);
        }

        return matched;
    }
}
