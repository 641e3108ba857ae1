using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ReturningAi.TestSupport;

namespace ReturningAi.Bench;

/// <summary>
/// Scenario i (P14, P15 item 4): a currency job of 100,000 rows (events-and-jobs.md section 3) from upload to its
/// final state, against one binary COPY of the same 100,000 ledger rows into a table of the store's ledger shape
/// (its keys, indexes and foreign key; and, as before session 13, into one with only its key and wallet index) in the same run; and the peak resident memory of the Jobs service (and the Store) meanwhile.
/// </summary>
internal static class CurrencyJob
{
    private const int Rows = 100_000;
    private const int Payees = 1_000;
    private const string FloorDatabase = "bench_floor";

    public static async Task RunAsync(HttpClient http, int rounds, Action<string> report)
    {
        // The users job that makes the payees is printed too (no target; j measures users jobs warm): 35-57 s on a freshly
        // started stack in session 17, 22.6-30.8 s after session 18's changes, each with the wait for the Store's copies.
        var seeding = System.Diagnostics.Stopwatch.GetTimestamp();
        await PayeesAsync(http);
        report(string.Create(CultureInfo.InvariantCulture,
            $"i. seeded {Payees:N0} payees by a users job, until the store knew them all, in {System.Diagnostics.Stopwatch.GetElapsedTime(seeding).TotalSeconds:0.0} s"));
        var csv = new StringBuilder("email,amount,operation,reason,reference\n", Rows * 64);
        for (var i = 0; i < Rows; i++) csv.Append(CultureInfo.InvariantCulture, $"bench-payee{i % Payees}@bench.example,{1 + i % 7},add,Bench row {i},bench-{i}\n");
        var file = Encoding.UTF8.GetBytes(csv.ToString());
        await PrepareFloorAsync();
        // Two jobs of the same file before the measured ones, as g and h warm up: the services' tiered JIT recompiles a method
        // once it was called 30 times, and a chunk's methods run once a chunk (20 a job), so over one warm-up job they are still
        // being compiled, in every service the job touches (perf, session 15: the JIT threads took 15-30 % of the machine's CPU
        // through the first measured round after one warm-up job, and its round ran 7.1 s against 4.7-4.9 s for the next two).
        // The floor's COPY is run once too, so that neither side's first measured round pays its warm-up.
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            var job = await RunJobAsync(http, file);
            if (job.GetProperty("state").GetString() != "succeeded") throw new InvalidOperationException($"A warm-up job ended {job.GetRawText()}");
        }

        await CopyAsync("ledger_entries");

        var jobSeconds = new List<double>();
        var copySeconds = new List<double>();
        var bareSeconds = new List<double>();
        var perRound = new List<string>();
        var jobCpu = new List<Dictionary<string, double>>();
        var copyCpu = new List<Dictionary<string, double>>();
        long jobsPeak = 0, storePeak = 0;
        for (var round = 0; round < rounds; round++)
        {
            bareSeconds.Add(await CopyAsync("ledger_bare"));
            var cpu = CpuTime.Snapshot();
            copySeconds.Add(await CopyAsync("ledger_entries"));
            var copied = CpuTime.Snapshot();
            copyCpu.Add(CpuTime.PerRequest(cpu, copied, Rows / 1000.0));
            await using var memory = new PeakMemory("ReturningAi.Jobs", "ReturningAi.Store");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var job = await RunJobAsync(http, file);
            jobSeconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            jobCpu.Add(CpuTime.PerRequest(copied, CpuTime.Snapshot(), Rows / 1000.0));
            var rows = job.GetProperty("rows");
            if (job.GetProperty("state").GetString() != "succeeded" || rows.GetProperty("succeeded").GetInt32() != Rows)
            {
                throw new InvalidOperationException($"The currency job ended {job.GetProperty("state").GetString()}: {rows.GetRawText()}");
            }

            jobsPeak = Math.Max(jobsPeak, memory.PeakMiB("ReturningAi.Jobs"));
            storePeak = Math.Max(storePeak, memory.PeakMiB("ReturningAi.Store"));
            perRound.Add(string.Create(CultureInfo.InvariantCulture,
                $"{jobSeconds[^1]:0.00} s (COPY {copySeconds[^1]:0.00} s, bare {bareSeconds[^1]:0.00} s) {memory.PeakMiB("ReturningAi.Jobs")} / {memory.PeakMiB("ReturningAi.Store")}"));
        }

        report($"i. currency job, {Rows:N0} rows ({file.Length / 1024.0 / 1024:0.0} MiB, {Payees:N0} users) x {rounds}: median {Load.Median(jobSeconds):0.00} s "
               + $"({Rows / Load.Median(jobSeconds):0} rows/s); COPY floor of the same ledger rows into the store's ledger table {Load.Median(copySeconds):0.00} s; "
               + $"ratio {Load.Median(jobSeconds) / Load.Median(copySeconds):0.0}x (target <= 3x); into its key and wallet index only {Load.Median(bareSeconds):0.00} s, "
               + $"ratio {Load.Median(jobSeconds) / Load.Median(bareSeconds):0.0}x");
        report($"i. peak resident memory during it: jobs {jobsPeak} MiB (target <= 256), store {storePeak} MiB; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        report($"i. each round (s, jobs / store peak MiB): {string.Join("; ", perRound)}");
        report($"i. CPU ms per 1,000 rows, median by part: job {CpuTime.Figures(jobCpu)}; COPY floor {CpuTime.Figures(copyCpu)}");
    }

    /// <summary>The users the rows name, made by a users job; ready once the store knows the last of them.</summary>
    private static async Task PayeesAsync(HttpClient http)
    {
        var users = new StringBuilder("email,username\n");
        for (var i = 0; i < Payees; i++) users.Append(CultureInfo.InvariantCulture, $"bench-payee{i}@bench.example,bench_payee{i}\n");
        await UsersJob.RunSucceededAsync(http, Encoding.UTF8.GetBytes(users.ToString()));
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var wallet = await http.GetAsync(new Uri($"/apis/wallet?email=bench-payee{Payees - 1}@bench.example", UriKind.Relative));
            if (wallet.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(100);
        }

        throw new InvalidOperationException("The store never learned the bench's users.");
    }

    /// <summary>Uploads the file and polls the job until it has finished: the job as last read.</summary>
    internal static async Task<JsonElement> RunJobAsync(HttpClient http, byte[] file, string path = "/apis/bulk/currency")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var upload = await http.PostAsync(new Uri(path, UriKind.Relative), new MultipartFormDataContent { { content, "file", "bench.csv" } });
        if (upload.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync()}");
        var location = upload.Headers.Location!;
        while (true)
        {
            await Task.Delay(200);
            var job = (await http.GetFromJsonAsync<JsonElement>(location)).GetProperty("data");
            if (job.GetProperty("finishedAt").ValueKind != JsonValueKind.Null) return job;
        }
    }

    private static async Task PrepareFloorAsync()
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(FloorDatabase));
        await connection.OpenAsync();
        // ledger_entries: the store's ledger table as its migrations leave it (its key, its indexes, the unique row of a job,
        // the foreign key to the payee's wallet, whose check every row pays), with the payees' wallets; ledger_bare: only the
        // key and the wallet index, the floor of the runs before session 13, printed beside it.
        await new NpgsqlCommand($"""
            DROP TABLE IF EXISTS ledger_entries, ledger_bare, wallets;
            CREATE TABLE wallets (user_id char(24) PRIMARY KEY, community_id char(24) NOT NULL, balance numeric(20,2) NOT NULL CHECK (balance >= 0),
                updated_at timestamptz);
            INSERT INTO wallets SELECT lpad(to_hex(n), 24, '0'), 'bench00000000000000floor', 0, now() FROM generate_series(0, {Payees - 1}) n;
            CREATE TABLE ledger_entries (id char(24) PRIMARY KEY, community_id char(24) NOT NULL,
                user_id char(24) NOT NULL REFERENCES wallets (user_id) ON DELETE RESTRICT, operation varchar(8) NOT NULL,
                amount numeric(20,2) NOT NULL, delta numeric(20,2) NOT NULL, balance numeric(20,2) NOT NULL CHECK (balance >= 0), reason varchar(500) NOT NULL,
                reference varchar(255), source varchar(16) NOT NULL, order_id char(24), job_id char(24), api_key_id char(24), created_at timestamptz NOT NULL,
                job_row integer);
            CREATE UNIQUE INDEX ix_ledger_entries_job_id_job_row ON ledger_entries (job_id, job_row) WHERE job_row IS NOT NULL;
            CREATE UNIQUE INDEX ix_ledger_entries_order_id_source ON ledger_entries (order_id, source) WHERE order_id IS NOT NULL;
            CREATE INDEX ix_ledger_entries_user_id_created_at_id ON ledger_entries (user_id, created_at DESC, id DESC);
            CREATE TABLE ledger_bare (LIKE ledger_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
            ALTER TABLE ledger_bare ADD PRIMARY KEY (id);
            CREATE INDEX ix_ledger_bare_user ON ledger_bare (user_id, created_at, id DESC);
            """, connection).ExecuteNonQueryAsync();
    }

    /// <summary>The job's 100,000 ledger rows by one binary COPY into <paramref name="table"/> in one transaction: seconds.</summary>
    private static async Task<double> CopyAsync(string table)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(FloorDatabase));
        await connection.OpenAsync();
        await new NpgsqlCommand($"TRUNCATE {table}", connection).ExecuteNonQueryAsync();
        var balances = new decimal[Payees];
        var now = DateTimeOffset.UtcNow;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} (id, community_id, user_id, operation, amount, delta, balance, reason, reference, source, job_id, created_at, job_row) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Rows; i++)
            {
                var user = i % Payees;
                decimal amount = 1 + i % 7;
                balances[user] += amount;
                await importer.StartRowAsync();
                await importer.WriteAsync($"{i:x24}", NpgsqlDbType.Char);
                await importer.WriteAsync("bench00000000000000floor", NpgsqlDbType.Char);
                await importer.WriteAsync($"{user:x24}", NpgsqlDbType.Char);
                await importer.WriteAsync("credit", NpgsqlDbType.Varchar);
                await importer.WriteAsync(amount, NpgsqlDbType.Numeric);
                await importer.WriteAsync(amount, NpgsqlDbType.Numeric);
                await importer.WriteAsync(balances[user], NpgsqlDbType.Numeric);
                await importer.WriteAsync($"Bench row {i}", NpgsqlDbType.Varchar);
                await importer.WriteAsync($"bench-{i}", NpgsqlDbType.Varchar);
                await importer.WriteAsync("bulk", NpgsqlDbType.Varchar);
                await importer.WriteAsync("bench000000000000000job0", NpgsqlDbType.Char);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(i + 1, NpgsqlDbType.Integer);
            }

            await importer.CompleteAsync();
        }

        await transaction.CommitAsync();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
