using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Jobs;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;

namespace ReturningAi.Community.Tests;

/// <summary>
/// What Community's consumer of <c>BULK_EVENTS.APPLY_USER_ROWS</c> does, on the real database: each row on its own,
/// create or update by email with the users CSV rules, and a chunk sent again answered from its recorded results.
/// </summary>
public sealed class BulkUserRowsIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    private static readonly string[] Header = ["email", "username", "roles", "points", "points_op", "tier"];

    [Fact]
    public async Task Rows_create_and_update_by_email_each_on_its_own_with_the_row_codes()
    {
        var members = await MemberClient.BootstrapAsync(factory.CreateClient());
        await members.CreateLabelAsync("roles", "VIP");
        await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        await members.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = new[] { "gold", "silver" } });
        var existing = (await members.CreateUserAsync(new { username = "ada", email = "ada@example.com",
            customFields = new[] { new { fieldIdorName = "points", value = 10 } } })).GetProperty("_id").GetString()!;
        await members.CreateUserAsync(new { username = "taken", email = "taken@example.com" });

        var results = await SendAsync(members.CommunityId, ObjectIds.New(),
            Row(2, "new@example.com", "newbie", "vip", "7", "", "Gold"),
            Row(3, "ADA@example.com", "", "", "5", "subtract", ""),
            Row(4, "nameless@example.com", "", "", "", "", ""),
            Row(5, "dup@example.com", "TAKEN", "", "", "", ""),
            Row(6, "role@example.com", "role", "Nope", "", "", ""),
            Row(7, "value@example.com", "value", "", "many", "", "bronze"),
            Row(8, "op@example.com", "op", "", "1", "divide", ""));

        Assert.Equal([("created", null), ("updated", null), ("failed", "missing_username"), ("failed", "duplicate_username"), ("failed", "unknown_role"),
            ("failed", "invalid_field_value"), ("failed", "invalid_operation")],
            results.Select(r => (r.Status, r.Errors.Count == 0 ? null : r.Errors[0].Code)));
        Assert.Equal(existing, results[1].UserId);
        Assert.Equal(["points", "tier"], results[5].Errors.Select(e => e.Column));
        Assert.All(results.Skip(2), r => Assert.All(r.Errors, e => Assert.Equal(r.Row, e.Row)));

        var created = await members.OkAsync(HttpMethod.Get, $"/users/{results[0].UserId}");
        Assert.Equal(("newbie", 7m, "gold"), (created.GetProperty("username").GetString(), created.GetProperty("customFields").GetProperty("points").GetDecimal(),
            created.GetProperty("customFields").GetProperty("tier").GetString()));
        Assert.Equal(["VIP"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var updated = await members.OkAsync(HttpMethod.Get, $"/users/{existing}");
        Assert.Equal(("ada", 5m), (updated.GetProperty("username").GetString(), updated.GetProperty("customFields").GetProperty("points").GetDecimal()));
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM users WHERE community_id = @c", members.CommunityId));
    }

    [Fact]
    public async Task A_chunk_sent_again_answers_its_recorded_results_and_applies_nothing_twice()
    {
        var members = await MemberClient.BootstrapAsync(factory.CreateClient());
        await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        var ada = (await members.CreateUserAsync(new { username = "ada", email = "ada@example.com" })).GetProperty("_id").GetString()!;
        var jobId = ObjectIds.New();
        CsvRowCells[] chunk = [Row(2, "ada@example.com", "", "", "5", "add", ""), Row(3, "bob@example.com", "bob", "", "", "", ""), Row(4, "x", "", "", "", "", "")];

        var first = await SendAsync(members.CommunityId, jobId, chunk);
        var again = await Task.WhenAll(SendAsync(members.CommunityId, jobId, chunk), SendAsync(members.CommunityId, jobId, chunk));

        Assert.All(again, results => Assert.Equal(first.Select(r => (r.Row, r.Status, r.UserId, r.Errors.Count)), results.Select(r => (r.Row, r.Status, r.UserId, r.Errors.Count))));
        var user = await members.OkAsync(HttpMethod.Get, $"/users/{ada}");
        Assert.Equal(5m, user.GetProperty("customFields").GetProperty("points").GetDecimal());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM user_field_history WHERE user_id = @c AND source = 'bulk'", ada));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM users WHERE community_id = @c AND email = 'bob@example.com'", members.CommunityId));
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM bulk_row_results WHERE job_id = @c", jobId));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%UserJoined%' AND body::text LIKE '%bob@example.com%' AND body::text LIKE '%bulk%'",
            members.CommunityId));
    }

    [Fact]
    public async Task Two_deliveries_of_a_new_chunk_racing_apply_each_row_once_and_answer_alike()
    {
        var members = await MemberClient.BootstrapAsync(factory.CreateClient());
        await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        var ada = (await members.CreateUserAsync(new { username = "ada", email = "ada@example.com" })).GetProperty("_id").GetString()!;
        var jobId = ObjectIds.New();
        CsvRowCells[] chunk = [.. Enumerable.Range(2, 30).Select(row => row % 3 == 2
            ? Row(row, "ada@example.com", "", "", "1", "add", "")
            : Row(row, $"user{row}@example.com", $"user{row}", "", row % 5 == 0 ? "many" : "", "", ""))];

        // Ada's row held: both deliveries read the chunk's recorded rows (none) and wait at its first row, so from there on
        // each row is decided by its key.
        await using var holder = new NpgsqlConnection(TestServers.PostgresConnectionString(factory.Database));
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockAda = new NpgsqlCommand("SELECT 1 FROM users WHERE id = @c FOR UPDATE", holder, hold))
        {
            lockAda.Parameters.AddWithValue("c", ada);
            await lockAda.ExecuteScalarAsync();
        }

        var deliveries = Task.WhenAll(SendAsync(members.CommunityId, jobId, chunk), SendAsync(members.CommunityId, jobId, chunk));
        for (var waited = 0; await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = @c AND wait_event_type = 'Lock'", factory.Database) < 2; waited++)
        {
            Assert.True(waited < 200, "The two deliveries never both waited for the held row.");
            await Task.Delay(50);
        }

        await hold.CommitAsync();
        var both = await deliveries;

        Assert.Equal(both[0].Select(r => (r.Row, r.Status, r.UserId, r.Errors.Count)), both[1].Select(r => (r.Row, r.Status, r.UserId, r.Errors.Count)));
        var adds = chunk.Count(r => r.Cells[0] == "ada@example.com");
        var user = await members.OkAsync(HttpMethod.Get, $"/users/{ada}");
        Assert.Equal(adds, user.GetProperty("customFields").GetProperty("points").GetDecimal());
        Assert.Equal(adds, await CountAsync("SELECT count(*) FROM user_field_history WHERE user_id = @c AND source = 'bulk'", ada));
        Assert.Equal(both[0].Count(r => r.Status == "created"), await CountAsync("SELECT count(*) FROM users WHERE community_id = @c", members.CommunityId) - 1);
        Assert.Equal(chunk.Length, await CountAsync("SELECT count(*) FROM bulk_row_results WHERE job_id = @c", jobId));
        Assert.Contains(both[0], r => r.Status == "failed");
    }

    [Fact]
    public async Task The_hourly_sweep_deletes_row_results_older_than_the_30_days_jobs_are_kept_and_leaves_newer_ones()
    {
        var members = await MemberClient.BootstrapAsync(factory.CreateClient());
        var (old, recent) = (ObjectIds.New(), ObjectIds.New());
        await SendAsync(members.CommunityId, old, Row(2, "old@example.com", "old_one", "", "", "", ""));
        await SendAsync(members.CommunityId, recent, Row(2, "recent@example.com", "recent_one", "", "", "", ""));
        await CountAsync("WITH aged AS (UPDATE bulk_row_results SET created_at = now() - interval '30 days 1 minute' WHERE job_id = @c RETURNING 1) SELECT count(*) FROM aged", old);

        var deleted = await factory.Services.GetRequiredService<ExpiredRowSweep<CommunityDbContext, BulkRowResult>>().SweepAsync(CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM bulk_row_results WHERE job_id = @c", old));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM bulk_row_results WHERE job_id = @c", recent));
    }

    private static CsvRowCells Row(int row, params string[] cells) => new(row, cells);

    /// <summary>
    /// What the consumer does with a chunk, in a scope of its own (as each delivery has). Not over the broker: every
    /// test class's Community host consumes the command's queue, each on its own database.
    /// </summary>
    private async Task<IReadOnlyList<JobRowResult>> SendAsync(string communityId, string jobId, params CsvRowCells[] rows)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var applied = await UserRowImport.ApplyChunkAsync(db, new ApplyUserRows(jobId, communityId, null, Header, rows), CancellationToken.None);
        return applied.Results;
    }

    private async Task<long> CountAsync(string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(factory.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("c", parameter);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
