using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Csv;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Tests;

/// <summary>
/// The Store's rows of a currency job (events-and-jobs.md section 3), sent over the real broker as the Jobs service
/// sends them: one ledger entry a valid row, in file order, carrying its (jobID,row) marker; a failed row's marker is a
/// bulk_row_markers row; a row sent again answers its marker.
/// </summary>
public sealed class CurrencyRowsTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly string[] Header = ["email", "amount", "operation", "reason", "reference", "error"];
    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Shop NewShop() => new(_factory, _client);

    private async Task<IReadOnlyList<JobRowResult>> SendAsync(Shop shop, string jobId, params CsvRowCells[] rows)
    {
        var client = Client();
        var response = await client.GetResponse<CurrencyRowsApplied>(new ApplyCurrencyRows(jobId, shop.CommunityId, "000000000000000000000000", Header,
            CsvRecords.ToLines(rows)));
        return response.Message.ToResults([.. rows.Select(r => r.Row)]);
    }

    private IRequestClient<ApplyCurrencyRows> Client() => _factory.Services.GetRequiredService<IClientFactory>()
            .CreateRequestClient<ApplyCurrencyRows>(new Uri($"queue:{ApplyCurrencyRows.EntityName}"), RequestTimeout.After(s: 60));

    private static CsvRowCells Row(int row, params string[] cells) => new(row, cells);

    [Fact]
    public async Task Each_valid_row_is_one_bulk_ledger_entry_in_file_order_and_bad_rows_fail_alone_with_their_codes()
    {
        var shop = NewShop();
        var ada = await shop.UserAsync("ada");
        var grace = await shop.UserAsync("grace");
        var jobId = ObjectIds.New();

        var results = await SendAsync(shop, jobId,
            Row(2, "ada@example.com", "100", "add", "Migration", "crm-1", ""),
            Row(3, "ADA@example.com ", "30.5", "SUBTRACT", "Correction", "", "old error text"),
            Row(4, "grace@example.com", "5", "subtract", "Overdraw", "", ""),          // grace has 0: insufficient_balance
            Row(5, "nobody@example.com", "5", "add", "Unknown", "", ""),              // user_not_found
            Row(6, "grace@example.com", "1.001", "add", "Too precise", "", ""),       // invalid_amount
            Row(7, "grace@example.com", "5", "double", "Bad word", "", ""),           // invalid_operation
            Row(8, "grace@example.com", "5", "add", " ", "", ""),                     // missing_reason
            Row(9, "ada@example.com", "10", "overwrite", "Season reset", "", ""),
            Row(10, "grace@example.com", "7", "add", "Welcome", "", ""));

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10], results.Select(r => r.Row));
        Assert.Equal(["applied", "applied", "failed", "failed", "failed", "failed", "failed", "applied", "applied"], results.Select(r => r.Status));
        Assert.Equal(["insufficient_balance", "user_not_found", "invalid_amount", "invalid_operation", "missing_reason"],
            results.Where(r => r.Status == "failed").Select(r => r.Errors.Single().Code));
        Assert.Equal(["amount", "email", "amount", "operation", "reason"], results.Where(r => r.Status == "failed").Select(r => r.Errors.Single().Column));
        Assert.All(results.Where(r => r.Status == "failed"), r => Assert.Equal(r.Row, r.Errors.Single().Row));
        Assert.Equal([100m, 69.5m, 10m, 7m], results.Where(r => r.Status == "applied").Select(r => r.Balance!.Value));
        Assert.Equal([ada, ada, ada, grace], results.Where(r => r.Status == "applied").Select(r => r.UserId));

        Assert.Equal(10m, await shop.BalanceAsync(ada));
        Assert.Equal(7m, await shop.BalanceAsync(grace));
        var ledger = await shop.Api.SendAsync(HttpMethod.Get, $"/wallet/ledger?userID={ada}&source=bulk");
        var entries = ledger.Json.GetProperty("data").EnumerateArray().Reverse().ToList();
        Assert.Equal(["credit", "debit", "set"], entries.Select(e => e.GetProperty("operation").GetString()));
        Assert.Equal([100m, -30.5m, -59.5m], entries.Select(e => e.GetProperty("delta").GetDecimal()));
        Assert.All(entries, e => Assert.Equal(jobId, e.GetProperty("jobID").GetString()));
        Assert.Equal("crm-1", entries[0].GetProperty("reference").GetString());
        Assert.Equal(results.Where(r => r.UserId == ada && r.Status == "applied").Select(r => r.TransactionId), entries.Select(e => e.GetProperty("_id").GetString()));
        // One marker a row: the applied rows' are their entries, the failed rows' are bulk_row_markers rows.
        Assert.Equal(2 + 3 + 9 + 10, await shop.Api.ScalarAsync($"SELECT sum(job_row) FROM ledger_entries WHERE job_id = '{jobId}'"));
        Assert.Equal(4 + 5 + 6 + 7 + 8, await shop.Api.ScalarAsync($"SELECT sum(row) FROM bulk_row_markers WHERE job_id = '{jobId}'"));
        await RewardsRaceTests.AssertLedgerAddsUpAsync(shop);
    }

    [Fact]
    public async Task A_chunk_sent_again_answers_its_recorded_results_and_writes_nothing_more()
    {
        var shop = NewShop();
        var ada = await shop.UserAsync("ada");
        var jobId = ObjectIds.New();
        CsvRowCells[] chunk = [Row(2, "ada@example.com", "50", "add", "First", "", ""), Row(3, "ada@example.com", "80", "subtract", "Overdraw", "", "")];

        var first = await SendAsync(shop, jobId, chunk);
        await shop.CreditAsync(ada, 100); // the overdraw would pass now: its recorded failure stands all the same
        var again = await SendAsync(shop, jobId, chunk);
        var overlapping = await SendAsync(shop, jobId, [chunk[1], Row(4, "ada@example.com", "1", "add", "Next", "", "")]);

        Assert.Equal(first, again, JobRowResultComparer.Instance);
        Assert.Equal(first[1], overlapping[0], JobRowResultComparer.Instance);
        Assert.Equal(("applied", 151m), (overlapping[1].Status, overlapping[1].Balance));
        Assert.Equal(2, await shop.Api.ScalarAsync($"SELECT count(*) FROM ledger_entries WHERE job_id = '{jobId}'"));
        Assert.Equal(1, await shop.Api.ScalarAsync($"SELECT count(*) FROM bulk_row_markers WHERE job_id = '{jobId}'"));
        Assert.Equal(151m, await shop.BalanceAsync(ada));
        await RewardsRaceTests.AssertLedgerAddsUpAsync(shop);
    }

    [Fact]
    public async Task One_chunk_delivered_twice_at_once_writes_each_row_once_and_both_answers_agree()
    {
        var shop = NewShop();
        var users = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => shop.UserAsync($"user{i}")));
        var jobId = ObjectIds.New();
        var chunk = users.Select((_, i) => Row(i + 2, $"user{i}@example.com", "10", "add", "Race", "", ""))
            .Concat(Enumerable.Range(0, 5).Select(i => Row(i + 22, $"nobody{i}@example.com", "10", "add", "Race", "", ""))).ToArray();

        var answers = await Task.WhenAll(SendAsync(shop, jobId, chunk), SendAsync(shop, jobId, chunk));

        Assert.Equal(answers[0], answers[1], JobRowResultComparer.Instance);
        Assert.All(answers[0].Take(20), r => Assert.Equal(("applied", 10m), (r.Status, r.Balance)));
        Assert.All(answers[0].Skip(20), r => Assert.Equal("user_not_found", r.Errors.Single().Code));
        Assert.Equal(20, await shop.Api.ScalarAsync($"SELECT count(*) FROM ledger_entries WHERE job_id = '{jobId}'"));
        Assert.Equal(5, await shop.Api.ScalarAsync($"SELECT count(*) FROM bulk_row_markers WHERE job_id = '{jobId}'"));
        await RewardsRaceTests.AssertLedgerAddsUpAsync(shop);
    }

    [Fact]
    public async Task A_chunk_whose_header_is_no_currency_header_fails_every_row_and_writes_nothing()
    {
        var shop = NewShop();
        await shop.UserAsync("ada");
        var client = Client();
        var jobId = ObjectIds.New();

        var response = await client.GetResponse<CurrencyRowsApplied>(new ApplyCurrencyRows(jobId, shop.CommunityId, null, ["email", "points"],
            CsvRecords.ToLines([Row(2, "ada@example.com", "5")])));

        var result = Assert.Single(response.Message.ToResults([2]));
        Assert.Equal("failed", result.Status);
        Assert.Contains(result.Errors, e => e.Code == "missing_column");
        Assert.Equal(0, await shop.Api.ScalarAsync($"SELECT count(*) FROM ledger_entries WHERE job_id = '{jobId}'"));
    }

    [Fact]
    public async Task Cells_with_commas_quotes_line_breaks_and_edge_spaces_arrive_as_written_and_answer_in_the_compact_reply()
    {
        var shop = NewShop();
        var ada = await shop.UserAsync("ada");
        var grace = await shop.UserAsync("grace");
        var jobId = ObjectIds.New();
        const string reason = "Migration, \"phase 1\"\nsecond line";

        var results = await SendAsync(shop, jobId,
            Row(2, " ada@example.com", "12", "add", reason, " crm, 7 ", ""), // the reader trims the reference, as for an upload
            Row(5, "grace@example.com", "3", "subtract", "Overdraw", "", ""),
            Row(6, "grace@example.com", "4", "add", "Welcome"));

        Assert.Equal([(2, "applied", ada), (5, "failed", grace), (6, "applied", grace)], results.Select(r => (r.Row, r.Status, r.UserId)));
        Assert.Equal([12m, 4m], results.Where(r => r.Status == "applied").Select(r => r.Balance!.Value));
        Assert.Equal("insufficient_balance", results[1].Errors.Single().Code);
        var ledger = await shop.Api.SendAsync(HttpMethod.Get, $"/wallet/ledger?userID={ada}&source=bulk");
        var entry = Assert.Single(ledger.Json.GetProperty("data").EnumerateArray());
        Assert.Equal((reason, "crm, 7", results[0].TransactionId), (entry.GetProperty("reason").GetString(), entry.GetProperty("reference").GetString(),
            entry.GetProperty("_id").GetString()));
    }

    [Fact]
    public async Task A_chunk_whose_lines_do_not_match_its_rows_faults_and_writes_nothing()
    {
        var shop = NewShop();
        await shop.UserAsync("ada");
        var client = Client();
        var jobId = ObjectIds.New();

        // Two rows named, one line sent: the Store cannot tell which row the line is, so it applies nothing.
        await Assert.ThrowsAsync<RequestFaultException>(() => client.GetResponse<CurrencyRowsApplied>(new ApplyCurrencyRows(jobId, shop.CommunityId, null,
            Header, new CsvRowLines([2, 3], ["ada@example.com,5,add,Lost,,"]))));

        Assert.Equal(0, await shop.Api.ScalarAsync($"SELECT count(*) FROM ledger_entries WHERE job_id = '{jobId}'"));
        Assert.Equal(0, await shop.Api.ScalarAsync($"SELECT count(*) FROM bulk_row_markers WHERE job_id = '{jobId}'"));
    }

    [Fact]
    public async Task The_hourly_sweep_deletes_markers_older_than_the_30_days_jobs_are_kept_and_leaves_newer_ones()
    {
        var shop = NewShop();
        await shop.UserAsync("ada");
        var (old, recent) = (ObjectIds.New(), ObjectIds.New());
        await SendAsync(shop, old, Row(2, "ada@example.com", "1", "add", "Old", "", ""), Row(3, "nobody@example.com", "1", "add", "Old", "", ""));
        await SendAsync(shop, recent, Row(2, "ada@example.com", "1", "add", "Recent", "", ""), Row(3, "nobody@example.com", "1", "add", "Recent", "", ""));
        await shop.ExecuteAsync("UPDATE bulk_row_markers SET created_at = now() - interval '30 days 1 minute' WHERE job_id = @j", ("j", old));

        var deleted = await _factory.Services.GetRequiredService<ExpiredRowSweep<StoreDbContext, BulkRowMarker>>().SweepAsync(CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.Equal(0, await shop.Api.ScalarAsync($"SELECT count(*) FROM bulk_row_markers WHERE job_id = '{old}'"));
        Assert.Equal(1, await shop.Api.ScalarAsync($"SELECT count(*) FROM bulk_row_markers WHERE job_id = '{recent}'"));
        Assert.Equal(2, await shop.Api.ScalarAsync($"SELECT count(*) FROM ledger_entries WHERE job_id IN ('{old}', '{recent}')")); // the ledger is immutable
    }

    [Fact]
    public async Task An_applied_rows_marker_is_its_ledger_entry_which_stops_a_second_entry_for_the_row_and_answers_it_again()
    {
        var shop = NewShop();
        var ada = await shop.UserAsync("ada");
        var jobId = ObjectIds.New();
        CsvRowCells[] chunk = [Row(2, "ada@example.com", "40", "add", "Once", "", "")];

        var first = Assert.Single(await SendAsync(shop, jobId, chunk));

        Assert.Equal(0, await shop.Api.ScalarAsync($"SELECT count(*) FROM bulk_row_markers WHERE job_id = '{jobId}'"));
        Assert.Equal(2, await shop.Api.ScalarAsync($"SELECT job_row FROM ledger_entries WHERE job_id = '{jobId}'"));
        // The database itself refuses a second entry for the row, whatever writes it.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => shop.ExecuteAsync("""
            INSERT INTO ledger_entries (id, community_id, user_id, operation, amount, delta, balance, reason, source, job_id, job_row, created_at)
            VALUES (@id, @c, @u, 'credit', 40, 40, 80, 'Twice', 'bulk', @j, 2, now())
            """, ("id", ObjectIds.New()), ("u", ada), ("j", jobId)));
        Assert.Equal(("23505", "ix_ledger_entries_job_id_job_row"), (refused.SqlState, refused.ConstraintName));

        var again = Assert.Single(await SendAsync(shop, jobId, chunk));
        Assert.Equal(first, again, JobRowResultComparer.Instance);
        Assert.Equal(("applied", 40m, ada), (again.Status, again.Balance, again.UserId));
        Assert.Equal(1, await shop.Api.ScalarAsync($"SELECT count(*) FROM ledger_entries WHERE job_id = '{jobId}'"));
        Assert.Equal(40m, await shop.BalanceAsync(ada));
    }

    [Fact]
    public async Task A_row_failed_for_an_unknown_user_stays_failed_when_sent_again_after_the_user_appears()
    {
        var shop = NewShop();
        var jobId = ObjectIds.New();
        CsvRowCells[] chunk = [Row(2, "late@example.com", "5", "add", "Early", "", "")];

        var first = Assert.Single(await SendAsync(shop, jobId, chunk));
        var late = await shop.UserAsync("late");
        var again = Assert.Single(await SendAsync(shop, jobId, chunk));

        Assert.Equal(("failed", "user_not_found"), (first.Status, first.Errors.Single().Code));
        Assert.Equal(first, again, JobRowResultComparer.Instance);
        Assert.Equal(0, await shop.Api.ScalarAsync($"SELECT count(*) FROM ledger_entries WHERE job_id = '{jobId}'"));
        Assert.Equal(0m, await shop.BalanceAsync(late));
    }

    [Fact]
    public async Task A_row_pays_the_live_user_of_its_community_with_the_email_and_the_newest_of_two_copies_and_makes_no_other_wallet()
    {
        var shop = NewShop();
        var gone = await shop.UserAsync("gone", status: "deleted");
        var stranger = await NewShop().UserAsync("stranger");
        var older = await shop.UserAsync("twin");
        var newer = await shop.UserAsync("twin"); // a copy a moment behind Community may briefly hold two users with one email
        var jobId = ObjectIds.New();

        var results = await SendAsync(shop, jobId,
            Row(2, "gone@example.com", "5", "add", "Deleted", "", ""),
            Row(3, "stranger@example.com", "5", "add", "Other community", "", ""),
            Row(4, "TWIN@example.com", "5", "add", "Twins", "", ""));

        Assert.Equal([("failed", "user_not_found"), ("failed", "user_not_found")], results.Take(2).Select(r => (r.Status, r.Errors.Single().Code)));
        Assert.Equal(("applied", newer, 5m), (results[2].Status, results[2].UserId, results[2].Balance));
        Assert.Equal(5m, await shop.BalanceAsync(newer));
        Assert.Equal(0, await shop.Api.ScalarAsync($"SELECT count(*) FROM wallets WHERE user_id IN ('{gone}', '{stranger}', '{older}')"));
    }

    [Fact]
    public async Task A_row_pays_the_newer_copy_of_an_email_and_makes_its_wallet_though_the_older_copy_has_one()
    {
        var shop = NewShop();
        var older = await shop.UserAsync("heir");
        await shop.CreditAsync(older, 7m);
        var newer = await shop.UserAsync("heir");

        var results = await SendAsync(shop, ObjectIds.New(), Row(2, "heir@example.com", "5", "add", "Newer copy", "", ""));

        Assert.Equal(("applied", newer, 5m), (results[0].Status, results[0].UserId, results[0].Balance));
        Assert.Equal(5m, await shop.BalanceAsync(newer));
        Assert.Equal(7m, await shop.BalanceAsync(older));
    }

    /// <summary>Results compared by value (their error lists included).</summary>
    private sealed class JobRowResultComparer : IEqualityComparer<JobRowResult>
    {
        public static JobRowResultComparer Instance { get; } = new();

        public bool Equals(JobRowResult? x, JobRowResult? y) => x is not null && y is not null
            && (x.Row, x.Status, x.UserId, x.TransactionId, x.Balance) == (y.Row, y.Status, y.UserId, y.TransactionId, y.Balance)
            && x.Errors.SequenceEqual(y.Errors);

        public int GetHashCode(JobRowResult obj) => obj.Row;
    }
}
