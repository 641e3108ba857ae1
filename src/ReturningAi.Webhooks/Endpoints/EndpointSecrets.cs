using Microsoft.AspNetCore.DataProtection;

namespace ReturningAi.Webhooks.Endpoints;

/// <summary>
/// Endpoint signing secrets and partner encryption keys as the database keeps them: encrypted and authenticated by
/// ASP.NET Core Data Protection (AES-256-CBC + HMACSHA256, keys rotated every 90 days, old ones kept to decrypt),
/// whose key ring lives in webhooksdb's <c>data_protection_keys</c> so that every instance reads the same one.
/// A copy of the endpoints table alone shows no secret.
/// </summary>
public sealed class EndpointSecrets(IDataProtectionProvider provider)
{
    /// <summary>The key ring's discriminator: every Webhooks instance must share it to read what another wrote.</summary>
    public const string ApplicationName = "ReturningAi.Webhooks";

    /// <summary>Room for a protected value of a few dozen characters (header, key id, IV, ciphertext, MAC, base64url).</summary>
    public const int MaxProtectedLength = 512;

    private readonly IDataProtector _protector = provider.CreateProtector("ReturningAi.Webhooks.EndpointSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
