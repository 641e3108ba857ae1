using Microsoft.AspNetCore.DataProtection;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// Secrets a service must read back (webhook signing secrets, partners' encryption keys) as its database keeps them:
/// encrypted and authenticated by ASP.NET Core Data Protection (AES-256-CBC + HMACSHA256, keys rotated every 90 days,
/// old ones kept to decrypt), whose key ring lives in the service's own database (<c>data_protection_keys</c>) so that
/// every instance reads what another wrote. A copy of a table alone shows no secret. Register with
/// <see cref="StoredSecretsExtensions.AddStoredSecrets{TContext}"/>.
/// </summary>
public sealed class StoredSecrets(IDataProtectionProvider provider)
{
    /// <summary>Room for a protected value of a few dozen characters (header, key id, IV, ciphertext, MAC, base64url).</summary>
    public const int MaxProtectedLength = 512;

    private readonly IDataProtector _protector = provider.CreateProtector("ReturningAi.StoredSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
