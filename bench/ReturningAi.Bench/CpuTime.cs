using System.Globalization;
using ReturningAi.TestSupport;

namespace ReturningAi.Bench;

/// <summary>
/// CPU time used by each part of the stack, read from /proc, so that a phase's CPU milliseconds per request can be
/// compared with the floor's however loaded the machine is (throughput on a shared machine says little; CPU time per
/// request barely moves with the load). Parts: the processes of this checkout (the AppHost and everything it starts:
/// gateway, store, dashboard, DCP), the servers on this run's ports (PostgreSQL with its backends, RabbitMQ, Redis),
/// and the bench itself (the clients, and in the floor's phase the floor's server).
/// </summary>
internal static class CpuTime
{
    private static readonly double MillisecondsPerTick = 1000.0 / 100; // USER_HZ is 100 on Linux.

    /// <summary>Milliseconds of CPU used so far by each part, children that have ended included.</summary>
    public static Dictionary<string, double> Snapshot()
    {
        var processes = ReadProcesses();
        var monitors = processes.Values.Where(p => p.Command == "ReturningAi.App" && IsOfThisTree(p))
            .Select(p => $"--monitor {p.Id.ToString(CultureInfo.InvariantCulture)} ").ToList();
        var parts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var process in processes.Values)
        {
            if (PartOf(process, processes, monitors) is not { } part) continue;
            parts[part] = parts.GetValueOrDefault(part) + process.Ticks * MillisecondsPerTick;
        }

        return parts;
    }

    /// <summary>Each part's CPU milliseconds between two snapshots, divided by the requests made between them.</summary>
    public static Dictionary<string, double> PerRequest(Dictionary<string, double> before, Dictionary<string, double> after, double requests) =>
        after.Keys.Union(before.Keys).ToDictionary(k => k, k => (after.GetValueOrDefault(k) - before.GetValueOrDefault(k)) / requests, StringComparer.Ordinal);

    /// <summary>Rounds of <see cref="PerRequest"/> as "total = part ms, ...": the median of each part, largest first.</summary>
    public static string Figures(IReadOnlyList<Dictionary<string, double>> rounds)
    {
        var parts = rounds.SelectMany(r => r.Keys).Distinct()
            .Select(part => (part, ms: Load.Median(rounds.Select(r => r.GetValueOrDefault(part)))))
            .Where(p => p.ms >= 0.01).OrderByDescending(p => p.ms).ToList();
        return FormattableString.Invariant($"{Load.Median(rounds.Select(r => r.Values.Sum())):0.00} = ")
            + string.Join(", ", parts.Select(p => FormattableString.Invariant($"{p.part} {p.ms:0.00}")));
    }

    /// <param name="monitors">
    /// "--monitor {pid}" of this tree's AppHosts: DCP, which starts the services and the dashboard, leaves the AppHost's
    /// process tree and names the AppHost it serves that way.
    /// </param>
    private static string? PartOf(ProcessEntry process, Dictionary<int, ProcessEntry> processes, List<string> monitors)
    {
        if (process.Id == Environment.ProcessId) return "bench";
        for (var current = process; current is not null; current = processes.GetValueOrDefault(current.ParentId))
        {
            if (IsServer(current, out var server)) return server;
            if (IsOfThisTree(current) || monitors.Exists(m => current.CommandLine.Contains(m, StringComparison.Ordinal))) return Name(process);
        }

        return null;
    }

    private static string Name(ProcessEntry process) => process.Command switch
    {
        "ReturningAi.Gat" => "gateway",
        "ReturningAi.Sto" => "store",
        "ReturningAi.Com" => "community",
        "ReturningAi.Web" => "webhooks",
        "ReturningAi.Job" => "jobs",
        "ReturningAi.App" => "apphost",
        var command when command.StartsWith("Aspire.Dash", StringComparison.Ordinal) => "dashboard",
        "dcp" or "dcpctrl" or "dcpproc" => "dcp",
        var command => command,
    };

    private static bool IsServer(ProcessEntry process, out string name)
    {
        (name, var port) = process.Command switch
        {
            "postgres" => ("postgres", TestServers.PostgresPort),
            "beam.smp" => ("rabbitmq", TestServers.RabbitMqPort),
            "redis-server" => ("redis", TestServers.RedisPort),
            _ => ("", 0),
        };
        return port != 0 && (process.CommandLine.Contains(port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                             || process.CommandLine.Contains(InfraDirectory + "/", StringComparison.Ordinal));
    }

    /// <summary>Where eng/infra.sh keeps this run's servers (RabbitMQ names its directory, not its port, on its command line).</summary>
    private static readonly string InfraDirectory = Environment.GetEnvironmentVariable("RETURNINGAI_INFRA_DIR") ?? "/var/tmp/returningai-infra";

    private static readonly string TreeRoot = AppContext.BaseDirectory[..(AppContext.BaseDirectory.IndexOf("/bench/", StringComparison.Ordinal) + 1)];

    private static bool IsOfThisTree(ProcessEntry process) =>
        process.Executable.StartsWith(TreeRoot, StringComparison.Ordinal) || process.CommandLine.Contains(TreeRoot, StringComparison.Ordinal);

    private static Dictionary<int, ProcessEntry> ReadProcesses()
    {
        var processes = new Dictionary<int, ProcessEntry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                // /proc/pid/stat: "pid (comm) state ppid ..."; comm may hold spaces, so fields count from the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                var command = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture); // number as in proc(5)
                var ticks = Field(14) + Field(15) + Field(16) + Field(17); // utime, stime, and of waited-for children
                var executable = File.ResolveLinkTarget(Path.Combine(directory, "exe"), returnFinalTarget: false)?.FullName ?? "";
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                processes[pid] = new ProcessEntry(pid, (int)Field(4), command, executable, commandLine, ticks);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read, or is not ours to read.
            }
        }

        return processes;
    }

    private sealed record ProcessEntry(int Id, int ParentId, string Command, string Executable, string CommandLine, long Ticks);
}
