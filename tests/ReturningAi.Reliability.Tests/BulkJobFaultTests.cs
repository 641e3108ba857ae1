using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReturningAi.TestSupport;
using Xunit.Abstractions;

namespace ReturningAi.Reliability.Tests;

/// <summary>events-and-jobs.md section 4, invariant 12: a job whose service (the Jobs worker, or the Store applying currency rows) is killed mid-run finishes, every row applied once.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class BulkJobFaultTests(ReliabilityStack stack, ITestOutputHelper output) : ReliabilityTest(stack, output)
{
    private const int Rows = 3000;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_users_job_whose_service_is_killed_mid_run_is_taken_over_after_restart_and_applies_every_row_once()
    {
        var community = await Stack.Api.BootstrapCommunityAsync();
        var csv = new StringBuilder("email,username\n");
        for (var i = 0; i < Rows; i++) csv.Append(CultureInfo.InvariantCulture, $"killed{i}@example.com,killed{i}\n");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        var upload = await Stack.Api.SendRawAsync(HttpMethod.Post, "/apis/users/bulk-update", community.Token,
            new MultipartFormDataContent { { file, "file", "killed.csv" } });
        Assert.Equal(HttpStatusCode.OK, upload.Status);
        var jobId = upload.Json.GetProperty("data").GetProperty("_id").GetString()!;

        await Eventually.Until(() => JobAsync(community.Token, jobId), j => j?.GetProperty("rows").GetProperty("processed").GetInt32() > 0, Limit,
            "the job to record its first chunk");
        try
        {
            await ServiceProcesses.KillAsync(Stack.App, "jobs", "ReturningAi.Jobs");
            await Stack.App.ResourceNotifications.WaitForResourceAsync("jobs",
                e => Aspire.Hosting.ApplicationModel.KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await ServiceProcesses.RestartAsync(Stack.App, "jobs");
        }

        var job = (await Eventually.Until(() => JobAsync(community.Token, jobId), j => j?.GetProperty("finishedAt").ValueKind is JsonValueKind.String, Limit,
            "the job to finish after the restart")).GetValueOrDefault();
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal($$"""{"total":{{Rows}},"processed":{{Rows}},"succeeded":{{Rows}},"failed":0}""", job.GetProperty("rows").GetRawText());
        Assert.Equal(Rows, await ServiceDatabases.ScalarAsync("communitydb", "SELECT count(*) FROM users WHERE community_id = @c", ("c", community.CommunityId)));
        Assert.Equal(Rows, await ServiceDatabases.ScalarAsync("communitydb", "SELECT count(*) FROM bulk_row_results WHERE job_id = @j", ("j", jobId)));
        Assert.Equal(Rows, await ServiceDatabases.ScalarAsync("jobsdb", "SELECT count(*) FROM job_rows WHERE job_id = @j", ("j", jobId)));
        Assert.Equal(Rows, await ServiceDatabases.ScalarAsync("communitydb",
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%UserJoined%' AND body::text LIKE '%' || @c || '%'", ("c", community.CommunityId)));
        Assert.Equal(1, await ServiceDatabases.ScalarAsync("jobsdb", "SELECT count(*) FROM outbox_messages WHERE source = @s", ("s", $"job:{jobId}")));
    }

    [Fact]
    public async Task A_currency_job_whose_store_instance_is_killed_mid_run_finishes_with_every_row_one_ledger_entry()
    {
        // The most rows a file may hold: in chunks of 5,000 (Jobs:CurrencyChunkRows), a smaller job could end before the kill.
        const int CurrencyRows = 100_000, Payees = 10;
        var community = await Stack.Api.BootstrapCommunityAsync();
        for (var i = 0; i < Payees; i++)
        {
            var user = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/users", community.Token, new { username = $"payee{i}", email = $"payee{i}@example.com" });
            Assert.Equal(HttpStatusCode.Created, user.Status);
            Assert.NotNull(await StoreDatabase.UserCopiedAsync(user.Json.GetProperty("data").GetProperty("_id").GetString()!));
        }

        var csv = new StringBuilder("email,amount,operation,reason\n");
        for (var i = 0; i < CurrencyRows; i++) csv.Append(CultureInfo.InvariantCulture, $"payee{i % Payees}@example.com,{1 + i % 3},add,Killed store row {i}\n");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        var upload = await Stack.Api.SendRawAsync(HttpMethod.Post, "/apis/bulk/currency", community.Token,
            new MultipartFormDataContent { { file, "file", "killed-store.csv" } });
        Assert.Equal(HttpStatusCode.OK, upload.Status);
        var jobId = upload.Json.GetProperty("data").GetProperty("_id").GetString()!;

        // The instance applying the chunks, by its telemetry, killed while the job is still running.
        var applying = await Eventually.Until(() => Task.FromResult(Stack.Telemetry.Spans.FirstOrDefault(s => s.Service == "store" && s.Scope == "MassTransit"
                && s.Name.Contains(ApplyCurrencyRowsQueue, StringComparison.Ordinal))), span => span is not null, Limit, "a store instance to apply a chunk");
        var running = await JobAsync(community.Token, jobId);
        Assert.Equal(JsonValueKind.Null, running!.Value.GetProperty("finishedAt").ValueKind);
        var victim = await ServiceProcesses.KillInstanceAsync(Stack.App, applying!.Instance, "ReturningAi.Store");
        try
        {
            var job = (await Eventually.Until(() => JobAsync(community.Token, jobId), j => j?.GetProperty("finishedAt").ValueKind is JsonValueKind.String, Limit,
                "the job to finish with the other store instance")).GetValueOrDefault();
            Assert.Equal("succeeded", job.GetProperty("state").GetString());
            Assert.Equal($$"""{"total":{{CurrencyRows}},"processed":{{CurrencyRows}},"succeeded":{{CurrencyRows}},"failed":0}""", job.GetProperty("rows").GetRawText());
            Assert.Equal(CurrencyRows, await ServiceDatabases.ScalarAsync("storedb", "SELECT count(*) FROM ledger_entries WHERE job_id = @j", ("j", jobId)));
            Assert.Equal(CurrencyRows, await ServiceDatabases.ScalarAsync("storedb", "SELECT count(DISTINCT job_row) FROM ledger_entries WHERE job_id = @j", ("j", jobId)));
            Assert.Equal(CurrencyRows, await ServiceDatabases.ScalarAsync("jobsdb", "SELECT count(*) FROM job_rows WHERE job_id = @j", ("j", jobId)));
            var expected = Enumerable.Range(0, CurrencyRows).Sum(i => 1 + i % 3);
            Assert.Equal(expected, await ServiceDatabases.ScalarAsync("storedb", "SELECT sum(balance)::bigint FROM wallets WHERE community_id = @c", ("c", community.CommunityId)));
            Assert.Equal(0, await ServiceDatabases.ScalarAsync("storedb", """
                SELECT count(*) FROM wallets w WHERE w.community_id = @c
                  AND w.balance <> (SELECT coalesce(sum(delta), 0) FROM ledger_entries e WHERE e.user_id = w.user_id)
                """, ("c", community.CommunityId)));
        }
        finally
        {
            await ServiceProcesses.RestartAsync(Stack.App, victim);
        }
    }

    private const string ApplyCurrencyRowsQueue = "BULK_EVENTS.APPLY_CURRENCY_ROWS";

    /// <summary>The job, or null while the Jobs service is away (the gateway answers 502 then).</summary>
    private async Task<JsonElement?> JobAsync(string token, string jobId)
    {
        var response = await Stack.Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}", token);
        if (response.Status == HttpStatusCode.BadGateway) return null;
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.GetProperty("data");
    }
}
