using System.Diagnostics;
using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.Bench;

/// <summary>
/// Lets the servers finish what an earlier scenario left them before the next one is measured: the dirty pages of its writes
/// (a checkpoint, which PostgreSQL would otherwise spread over the next scenario) and the autovacuum workers its writes woke
/// (g's 100,000-user seed and f's purchases each wake several). Without it a scenario measures its predecessor's aftermath,
/// which differs with the scenarios chosen; with it each scenario starts from the same quiet servers, as when run alone.
/// </summary>
internal static class Settle
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);

    /// <summary>Checkpoints, then waits (at most two minutes) until no autovacuum worker runs; says how long it took.</summary>
    public static async Task ServersAsync(string before, Action<string> report)
    {
        var started = Stopwatch.GetTimestamp();
        await using var admin = new NpgsqlConnection(TestServers.PostgresConnectionString("postgres"));
        await admin.OpenAsync();
        await new NpgsqlCommand("CHECKPOINT", admin).ExecuteNonQueryAsync();
        long workers;
        while ((workers = await AutovacuumWorkersAsync(admin)) > 0 && Stopwatch.GetElapsedTime(started) < MaxWait)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        report($"settled before {before} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"
               + (workers > 0 ? $" (gave up waiting: {workers} autovacuum workers still running)" : "")
               + $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}");
    }

    private static async Task<long> AutovacuumWorkersAsync(NpgsqlConnection admin) =>
        (long)(await new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'", admin).ExecuteScalarAsync())!;
}
