using System.Diagnostics;
using System.Globalization;

namespace ReturningAi.Bench;

/// <summary>Samples the resident memory of this checkout's stack processes (by name, looked up once a second) every 20 ms and keeps the peak.</summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly Dictionary<string, long> _peakBytes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public PeakMemory(params string[] processNames)
    {
        foreach (var name in processNames) _peakBytes[name] = 0;
        _sampling = Task.Run(async () =>
        {
            List<(string Name, int Id)> processes = [];
            for (var sample = 0; !_stop.IsCancellationRequested; sample++)
            {
                // Finding them reads every process of the machine (hundreds on a shared one): once a second, not every sample,
                // or the bench's own CPU (scenario i: a third of a core) slows the stack it measures.
                if (sample % 50 == 0) processes = [.. processNames.SelectMany(name => Process.GetProcessesByName(name).Where(IsOfThisTree).Select(p => (name, p.Id)))];
                foreach (var (name, id) in processes)
                {
                    var rss = ResidentBytes(id);
                    lock (_peakBytes) _peakBytes[name] = Math.Max(_peakBytes[name], rss);
                }

                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public long PeakMiB(string name)
    {
        lock (_peakBytes) return _peakBytes[name] / (1024 * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    /// <summary>The stack built from this checkout, not another one running on the same machine.</summary>
    private static bool IsOfThisTree(Process process)
    {
        try
        {
            return File.ResolveLinkTarget($"/proc/{process.Id}/exe", returnFinalTarget: false)?.FullName is { } exe
                   && (exe.StartsWith(TreeRoot, StringComparison.Ordinal) || File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(TreeRoot, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static readonly string TreeRoot = AppContext.BaseDirectory[..(AppContext.BaseDirectory.IndexOf("/bench/", StringComparison.Ordinal) + 1)];

    private static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
