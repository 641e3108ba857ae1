using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ReturningAi.Bench;

/// <summary>
/// Scenario j (P14): users jobs (events-and-jobs.md section 3) from upload to their final state: a file of new users (a
/// role, a tag, a select and a number field each) and the same users again, each one's number added to and its select
/// changed. No target: the contract sets none, and a users job has no floor like the ledger's COPY; the figures say how
/// long a partner's CRM export takes (rows/s) and where the CPU goes.
/// </summary>
internal static class UsersJob
{
    private const int Rows = 1_000;
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];

    public static async Task RunAsync(HttpClient http, int rounds, Action<string> report)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await UserCopies.PostAsync(http, "/apis/user-fields", new { field = "member_tier", name = "Member tier", type = "select", options = Tiers });
        await UserCopies.PostAsync(http, "/apis/user-fields", new { field = "member_points", name = "Member points", type = "number" });
        await UserCopies.PostAsync(http, "/apis/roles", new { name = "Imported" });
        await UserCopies.PostAsync(http, "/apis/tags", new { name = "crm" });

        // A job of each kind first, unmeasured: the services' tiered JIT compiles a row's path over its first rows (i says more).
        await RunSucceededAsync(http, Created($"warm{tag}"));
        await RunSucceededAsync(http, Updated($"warm{tag}"));

        var createSeconds = new List<double>();
        var updateSeconds = new List<double>();
        var createCpu = new List<Dictionary<string, double>>();
        var updateCpu = new List<Dictionary<string, double>>();
        for (var round = 0; round < rounds; round++)
        {
            var users = $"r{round}{tag}";
            createSeconds.Add(await MeasuredAsync(http, Created(users), createCpu));
            updateSeconds.Add(await MeasuredAsync(http, Updated(users), updateCpu));
        }

        report(string.Create(CultureInfo.InvariantCulture,
            $"j. users job, {Rows:N0} new users (role, tag, 2 fields) x {rounds}: median {Load.Median(createSeconds):0.00} s ({Rows / Load.Median(createSeconds):0} rows/s); "
            + $"the same users updated (a number added to, a select changed): median {Load.Median(updateSeconds):0.00} s ({Rows / Load.Median(updateSeconds):0} rows/s)"));
        report($"j. CPU ms per 1,000 rows, median by part: create {CpuTime.Figures(createCpu)}; update {CpuTime.Figures(updateCpu)}");
    }

    private static async Task<double> MeasuredAsync(HttpClient http, byte[] file, List<Dictionary<string, double>> cpu)
    {
        var before = CpuTime.Snapshot();
        var started = Stopwatch.GetTimestamp();
        await RunSucceededAsync(http, file);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        cpu.Add(CpuTime.PerRequest(before, CpuTime.Snapshot(), Rows / 1000.0));
        return seconds;
    }

    /// <summary>Uploads a users file and waits until its job has applied every row.</summary>
    internal static async Task RunSucceededAsync(HttpClient http, byte[] file)
    {
        var job = await CurrencyJob.RunJobAsync(http, file, "/apis/users/bulk-update");
        var rows = job.GetProperty("rows");
        if (job.GetProperty("state").GetString() != "succeeded" || rows.GetProperty("failed").GetInt32() != 0)
        {
            throw new InvalidOperationException($"The users job ended {job.GetProperty("state").GetString()}: {rows.GetRawText()}");
        }
    }

    private static byte[] Created(string users)
    {
        var csv = new StringBuilder("email,username,roles,tags,member_tier,member_points\n");
        for (var i = 0; i < Rows; i++) csv.Append(CultureInfo.InvariantCulture, $"{users}-{i}@bench.example,{users}_{i},Imported,crm,{Tiers[i % 3]},{i}\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static byte[] Updated(string users)
    {
        var csv = new StringBuilder("email,member_tier,member_points_op,member_points\n");
        for (var i = 0; i < Rows; i++) csv.Append(CultureInfo.InvariantCulture, $"{users}-{i}@bench.example,{Tiers[(i + 1) % 3]},add,{1 + i % 50}\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
