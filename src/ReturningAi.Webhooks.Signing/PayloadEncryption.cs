using System.Security.Cryptography;

namespace ReturningAi.Webhooks.Signing;

/// <summary>
/// The bodies' AES-256 encryption (events-and-jobs.md §1.2, §2): GCM with a 12-byte IV, a 16-byte tag and
/// additional data (the event id outgoing, the path incoming), or CBC with a 16-byte IV and PKCS#7, no
/// additional data (the signature covers it). The key is the partner's 32 ASCII characters.
/// </summary>
public static class PayloadEncryption
{
    public const int GcmIvBytes = 12;
    public const int GcmTagBytes = 16;
    public const int CbcIvBytes = 16;

    /// <summary>Encrypts with a fresh random IV.</summary>
    public static EncryptedPayload Encrypt(string mode, string key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> additionalData) =>
        Encrypt(mode, key, plaintext, additionalData, RandomNumberGenerator.GetBytes(mode == EncryptionModes.Gcm ? GcmIvBytes : CbcIvBytes));

    /// <summary>Encrypts with the IV given: the known-answer tests, never production (an IV is used once).</summary>
    internal static EncryptedPayload Encrypt(string mode, string key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> additionalData, byte[] iv)
    {
        var keyBytes = EncryptionKeys.Bytes(key);
        switch (mode)
        {
            case EncryptionModes.Gcm:
            {
                var ciphertext = new byte[plaintext.Length];
                var tag = new byte[GcmTagBytes];
                using var gcm = new AesGcm(keyBytes, GcmTagBytes);
                gcm.Encrypt(iv, plaintext, ciphertext, tag, additionalData);
                return new EncryptedPayload(EncryptionModes.GcmAlgorithm, Convert.ToBase64String(iv), Convert.ToBase64String(ciphertext),
                    Convert.ToBase64String(tag));
            }
            case EncryptionModes.Cbc:
            {
                using var aes = Aes.Create();
                aes.Key = keyBytes;
                return new EncryptedPayload(EncryptionModes.CbcAlgorithm, Convert.ToBase64String(iv),
                    Convert.ToBase64String(aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7)), null);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown encryption mode.");
        }
    }

    /// <summary>
    /// The plaintext, or null for any failure: an <c>alg</c> other than <paramref name="mode"/>'s, base64 or
    /// lengths that do not fit, a tag or padding that does not check out. Callers answer every one alike.
    /// </summary>
    public static byte[]? TryDecrypt(EncryptedPayload payload, string mode, string key, ReadOnlySpan<byte> additionalData)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!string.Equals(payload.Alg, EncryptionModes.AlgorithmOf(mode), StringComparison.Ordinal)) return null;
        if (!TryBase64(payload.Iv, out var iv) || !TryBase64(payload.Ciphertext, out var ciphertext)) return null;
        var keyBytes = EncryptionKeys.Bytes(key);
        try
        {
            if (mode == EncryptionModes.Gcm)
            {
                if (iv.Length != GcmIvBytes || payload.Tag is null || !TryBase64(payload.Tag, out var tag) || tag.Length != GcmTagBytes) return null;
                var plaintext = new byte[ciphertext.Length];
                using var gcm = new AesGcm(keyBytes, GcmTagBytes);
                gcm.Decrypt(iv, ciphertext, tag, plaintext, additionalData);
                return plaintext;
            }

            if (iv.Length != CbcIvBytes || ciphertext.Length == 0 || ciphertext.Length % 16 != 0) return null;
            using var aes = Aes.Create();
            aes.Key = keyBytes;
            return aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool TryBase64(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text)) return false;
        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written)) return false;
        bytes = buffer[..written];
        return true;
    }
}
