using System.Runtime;

namespace ReturningAi.ServiceDefaults.Memory;

/// <summary>
/// Gives back the memory a large import held (up to about a million voucher codes: their strings, the
/// lists' arrays and a 13 MB command), once it is done. Those arrays live on the large object heap,
/// which is collected only with gen2 and not compacted by default, so each import left its holes and
/// the process's resident memory grew import after import (bench/README.md). One blocking, compacting
/// collection of every generation, which also returns the freed pages to the OS, costs a fraction of
/// a second per import of several seconds; small requests never trigger it.
/// </summary>
public static class LargeImportMemory
{
    /// <summary>From this many voucher codes (and permission names) on, a request counts as a large import.</summary>
    public const int LargeVoucherCount = 50_000;

    /// <summary>
    /// How long after a large import the collection runs: by then the request or message that carried it,
    /// and everything it referenced, is unreachable, so nothing of it is copied while compacting.
    /// </summary>
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private static readonly Timer Collection = new(_ => Collect(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public static bool IsLarge(long items) => items >= LargeVoucherCount;

    /// <summary>Collects and compacts everything shortly; imports ending close together share one collection.</summary>
    public static void ReleaseSoon() => Collection.Change(Delay, Timeout.InfiniteTimeSpan);

    private static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
