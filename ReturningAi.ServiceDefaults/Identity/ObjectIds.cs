using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ReturningAi.ServiceDefaults.Identity;

/// <summary>
/// The contract's ids: 24 lower-case hex characters, shaped like a MongoDB ObjectId (4 bytes of
/// seconds since the epoch, then 8 random bytes), so they sort roughly by creation time.
/// </summary>
public static class ObjectIds
{
    public const int Length = 24;

    public static string New(TimeProvider? time = null)
    {
        Span<byte> bytes = stackalloc byte[12];
        var seconds = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        BinaryPrimitives.WriteUInt32BigEndian(bytes, unchecked((uint)seconds));
        RandomNumberGenerator.Fill(bytes[4..]);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
