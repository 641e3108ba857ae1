using System.Text;

namespace ReturningAi.Webhooks.Signing;

/// <summary>A partner's encryption key, as the product documents it: 32 printable ASCII characters, used as the 32 key bytes.</summary>
public static class EncryptionKeys
{
    public const int Length = 32;

    public static bool IsValid(string? key) => key is { Length: Length } && key.All(c => c is >= ' ' and <= '~');

    public static byte[] Bytes(string key) => IsValid(key)
        ? Encoding.ASCII.GetBytes(key)
        : throw new ArgumentException($"An encryption key is {Length} printable ASCII characters.", nameof(key));
}
