using System.Net;
using System.Text.Json;
using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.Community.Tests;

/// <summary>Users, their account and memberships against the Community service on real PostgreSQL (users.md U3).</summary>
public sealed class UsersIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_created_user_has_its_profile_memberships_values_and_the_defaults_of_other_fields()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateLabelAsync("roles", "VIP");
        await api.CreateLabelAsync("tags", "Newsletter");
        await api.CreateFieldAsync(new { field = "customer id", name = "Customer", type = "text", isUnique = true });
        await api.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = new[] { "Gold", "Bronze" }, defaultValue = "bronze" });

        var user = await api.CreateUserAsync(new
        {
            username = " ada ", email = "Ada@Example.com", firstname = "Ada", lastname = "Lovelace", password = "Secret1!", confirmPassword = "Secret1!",
            roles = new[] { "vip" }, tags = new[] { "NEWSLETTER" }, customFields = new object[] { new { fieldIdorName = "customer-id", value = " C-1 " } },
        });

        Assert.Equal("ada", user.GetProperty("username").GetString());
        Assert.Equal("Ada@Example.com", user.GetProperty("email").GetString());
        Assert.Equal("ada", user.GetProperty("displayName").GetString());
        Assert.Equal(["VIP"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["Newsletter"], user.GetProperty("tags").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.Equal("C-1", user.GetProperty("customFields").GetProperty("customer-id").GetString());
        Assert.Equal("Bronze", user.GetProperty("customFields").GetProperty("tier").GetString());
        Assert.False(user.TryGetProperty("password", out _));

        var id = user.GetProperty("_id").GetString()!;
        var read = await api.OkAsync(HttpMethod.Get, $"/users/{id}");
        Assert.Equal(user.GetRawText(), read.GetRawText());

        var histories = await api.OkAsync(HttpMethod.Get, $"/users/{id}/field-histories");
        Assert.Equal(["system", "api"], histories.EnumerateArray().Select(h => h.GetProperty("source").GetString()).Order().Reverse());

        // The password is kept as ASP.NET Core Identity's PBKDF2 hash, never as sent.
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(factory.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT password_hash FROM users WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        var hash = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("Secret1!", hash, StringComparison.Ordinal);
        Assert.Equal(1, Convert.FromBase64String(hash)[0]);
    }

    [Fact]
    public async Task A_created_users_events_carry_its_roles_and_its_tags_apart_each_sorted_by_name()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        foreach (var role in new[] { "Zeta", "alpha", "Mid" }) await api.CreateLabelAsync("roles", role);
        foreach (var tag in new[] { "mid", "Beta" }) await api.CreateLabelAsync("tags", tag);

        var id = (await api.CreateUserAsync(new { username = "ada", email = "ada@example.com", roles = new[] { "zeta", "MID", "Alpha" }, tags = new[] { "beta", "mid" } }))
            .GetProperty("_id").GetString()!;

        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(factory.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT message_type, body::text FROM outbox_messages WHERE body::text LIKE '%' || @id || '%' AND message_type NOT LIKE '%ReferenceData%' ORDER BY position", connection);
        command.Parameters.AddWithValue("id", id);
        var events = new List<(string Type, JsonElement Body)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) events.Add((reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        }

        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(["alpha", "Mid", "Zeta"], e.Body.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
            Assert.Equal(["Beta", "mid"], e.Body.GetProperty("tags").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        });
    }

    [Fact]
    public async Task Username_and_email_are_unique_among_live_users_in_any_case()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateUserAsync(new { username = "grace", email = "grace@example.com" });

        Assert.Equal([("duplicate_name", "username"), ("duplicate_email", "email")],
            await api.RefusedAsync(HttpMethod.Post, "/users", new { username = "GRACE", email = "GRACE@example.COM" }, HttpStatusCode.Conflict));

        var other = await MemberClient.BootstrapAsync(_http);
        await other.CreateUserAsync(new { username = "grace", email = "grace@example.com" });
    }

    [Fact]
    public async Task Unknown_roles_required_fields_and_bad_values_are_refused_together_and_nothing_is_created()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "customerid", name = "Customer", type = "text", required = true });
        await api.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });

        await api.CreateLabelAsync("roles", "VIP");
        Assert.Equal([("unknown_role", "roles[1]")], await api.RefusedAsync(HttpMethod.Post, "/users",
            new { username = "u", email = "u@example.com", roles = new[] { "vip", "nope" }, customFields = new object[] { new { fieldIdorName = "customerid", value = "c" } } },
            HttpStatusCode.BadRequest));
        Assert.Equal([("field_required", "customFields")],
            await api.RefusedAsync(HttpMethod.Post, "/users", new { username = "u", email = "u@example.com" }, HttpStatusCode.BadRequest));
        Assert.Equal([("invalid_field_value", "customFields[0].value"), ("unknown_user_field", "customFields[1].fieldIdorName")],
            await api.RefusedAsync(HttpMethod.Post, "/users", new
            {
                username = "u", email = "u@example.com",
                customFields = new object[] { new { fieldIdorName = "points", value = "ten" }, new { fieldIdorName = "nope", value = 1 }, new { fieldIdorName = "customerid", value = "c" } },
            }, HttpStatusCode.BadRequest));

        var search = await api.OkAsync(HttpMethod.Post, "/users/search", new { });
        Assert.Equal(0, search.GetArrayLength());
    }

    [Fact]
    public async Task Racing_creates_of_one_username_leave_one_user_and_answer_409_to_the_others()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            api.SendAsync(HttpMethod.Post, "/users", new { username = i % 2 == 0 ? "twin" : "TWIN", email = $"twin{i}@example.com" })));

        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal("duplicate_name", r.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        });
    }

    [Fact]
    public async Task A_keyed_create_commits_the_user_its_events_and_its_key_together_or_none_of_them()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var body = new { username = "keyed", email = "keyed@example.com" };
        const string Users = "SELECT count(*) FROM users WHERE community_id = @c";
        // The user events carry communityID (users.md U9), ReferenceDataChanged communityId.
        const string UserEvents = "SELECT count(*) FROM outbox_messages WHERE source LIKE 'user:%' AND (body->>'communityID' = @c OR body->>'communityId' = @c)";

        await CommitRefusal.RefuseAsync(factory.Database, "keyed_user");
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.SendAsync(HttpMethod.Post, "/users", body, "keyed_user")).Status);
        Assert.Equal((0L, 0L), (await CountAsync(Users, api.CommunityId), await CountAsync(UserEvents, api.CommunityId)));
        await Eventually.Until(() => CountAsync("SELECT count(*) FROM idempotency_records WHERE scope = @c AND key = 'keyed_user'", api.CommunityId),
            n => n == 0, TimeSpan.FromSeconds(30), "the key to be let go");
        await CommitRefusal.AllowAsync(factory.Database, "keyed_user");

        var (status, created) = await api.SendAsync(HttpMethod.Post, "/users", body, "keyed_user");
        Assert.Equal(HttpStatusCode.Created, status);
        var (replayStatus, replayed) = await api.SendAsync(HttpMethod.Post, "/users", body, "keyed_user");
        Assert.Equal((HttpStatusCode.Created, created.GetProperty("data").GetProperty("_id").GetString()),
            (replayStatus, replayed.GetProperty("data").GetProperty("_id").GetString()));
        // USER_CREATED, USER_JOINED and the user's ReferenceDataChanged, once.
        Assert.Equal((1L, 3L), (await CountAsync(Users, api.CommunityId), await CountAsync(UserEvents, api.CommunityId)));
    }

    [Fact]
    public async Task Racing_keyed_creates_of_one_email_keep_each_answer_with_its_key_and_never_fail()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var bodies = Enumerable.Range(0, 20).Select(i => new { username = $"racer{i}", email = i % 2 == 0 ? "race@example.com" : "RACE@example.com" }).ToList();
        var results = await Task.WhenAll(bodies.Select((body, i) => api.SendAsync(HttpMethod.Post, "/users", body, $"race-{i}")));

        // A unique index that refuses one of them rolls back its savepoint only: the request's transaction still completes its key.
        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
            Assert.Equal((HttpStatusCode.Conflict, "duplicate_email"), (r.Status, r.Body.GetProperty("errors")[0].GetProperty("code").GetString())));
        Assert.Equal(20L, await CountAsync("SELECT count(*) FROM idempotency_records WHERE scope = @c AND completed AND key LIKE 'race-%'", api.CommunityId));
        for (var i = 0; i < bodies.Count; i++)
        {
            Assert.Equal(results[i].Status, (await api.SendAsync(HttpMethod.Post, "/users", bodies[i], $"race-{i}")).Status);
        }

        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM users WHERE community_id = @c", api.CommunityId));
    }

    private async Task<long> CountAsync(string sql, string communityId)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(factory.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("c", communityId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
