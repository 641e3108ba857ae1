using System.Security.Cryptography;
using System.Text;

namespace ReturningAi.ServiceDefaults.Identity;

/// <summary>
/// API key tokens: 32 random bytes, base64url, with a recognisable prefix (so a leaked token is
/// easy to find by secret scanners). Only the SHA-256 of a token is stored or sent between services;
/// a plain fast hash is right here because the token has 256 bits of entropy, unlike a password.
/// </summary>
public static class ApiKeyTokens
{
    public const string Prefix = "rai_";

    public static string Generate() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string HashHex(string token) => Convert.ToHexStringLower(Hash(token));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
