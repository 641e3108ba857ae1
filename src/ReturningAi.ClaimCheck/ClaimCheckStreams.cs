using Microsoft.IO;

namespace ReturningAi.ClaimCheck;

/// <summary>
/// In-memory streams of small blocks (below the large object heap's 85 KB), so that a 13 MB payload is written once
/// without the doubling copies of a <see cref="MemoryStream"/> or a pooled 16 MiB array; few blocks are kept between payloads.
/// </summary>
internal static class ClaimCheckStreams
{
    private static readonly RecyclableMemoryStreamManager Manager = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 64 * 1024,
        MaximumSmallPoolFreeBytes = 4 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 0,
    });

    public static RecyclableMemoryStream Create() => Manager.GetStream("claim-check");
}
