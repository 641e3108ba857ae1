using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ReturningAi.ServiceDefaults.Identity;

/// <summary>
/// The contract's ids: 24 lower-case hex characters, laid out like a MongoDB ObjectId: 4 bytes of
/// seconds since the epoch, 5 random bytes per process, a 3-byte counter. Ids of one process sort by
/// creation, so "newest first" is well defined even among products created in the same millisecond.
/// </summary>
public static class ObjectIds
{
    public const int Length = 24;

    private static readonly byte[] ProcessRandom = RandomNumberGenerator.GetBytes(5);
    private static int _counter = RandomNumberGenerator.GetInt32(0, 0x00FF_FFFF);

    public static string New(TimeProvider? time = null)
    {
        Span<byte> bytes = stackalloc byte[12];
        var seconds = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        BinaryPrimitives.WriteUInt32BigEndian(bytes, unchecked((uint)seconds));
        ProcessRandom.CopyTo(bytes[4..9]);
        var counter = Interlocked.Increment(ref _counter) & 0x00FF_FFFF;
        bytes[9] = (byte)(counter >> 16);
        bytes[10] = (byte)(counter >> 8);
        bytes[11] = (byte)counter;
        return Convert.ToHexStringLower(bytes);
    }

    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
