using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Contracts.Http;
using ReturningAi.TestSupport;
using ReturningAi.Users.Search;

namespace ReturningAi.Community.Tests;

/// <summary>
/// A search over a community whose fields were made after the last ANALYZE of <c>user_field_values</c>: the statistics
/// know nothing of them (they estimate each field at one row), and the count is still planned as hash joins over the sets
/// it reads, never as loops reading a field's index range once per user (<see cref="UserSearchCount"/>); the page of its
/// few matches is read from the ids the count found.
/// </summary>
public sealed class UserSearchStatisticsIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    private const int LargeCommunityUsers = 20_000;
    private static readonly string[] Tiers = ["gold", "silver", "bronze"];

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Counts_over_fields_the_statistics_have_never_seen_are_hash_joins_that_read_a_bounded_number_of_pages()
    {
        // A large community, its values analyzed (as autovacuum leaves a large table between two of its runs).
        var large = await MemberClient.BootstrapAsync(_http);
        var largeFields = await FieldsAsync(large);
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(factory.Database));
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            INSERT INTO users (id, community_id, username, normalized_username, email, normalized_email, version, created_at, display_name, joined_at, status, updated_at)
            SELECT lpad(to_hex(i), 24, '0'), @c, 'big' || i, 'BIG' || i, 'big' || i || '@example.com', 'BIG' || i || '@EXAMPLE.COM', 1, now(), 'big' || i,
                   now() - i * interval '1 minute', 'active', now()
            FROM generate_series(1, @n) i;
            INSERT INTO user_field_values (user_id, field_id, community_id, value, text_value, user_live, changed_at)
            SELECT lpad(to_hex(i), 24, '0'), @tier, @c, to_jsonb((ARRAY['gold','silver','bronze'])[1 + i % 3]), (ARRAY['GOLD','SILVER','BRONZE'])[1 + i % 3], true, now()
            FROM generate_series(1, @n) i;
            INSERT INTO user_field_values (user_id, field_id, community_id, value, number_value, user_live, changed_at)
            SELECT lpad(to_hex(i), 24, '0'), @points, @c, to_jsonb(i % 100), i % 100, true, now() FROM generate_series(1, @n) i;
            INSERT INTO user_field_values (user_id, field_id, community_id, value, date_value, user_live, changed_at)
            SELECT lpad(to_hex(i), 24, '0'), @birthday, @c, to_jsonb(to_char(date '1960-01-01' + i % 15000, 'YYYY-MM-DD')), date '1960-01-01' + i % 15000, true, now()
            FROM generate_series(1, @n) i;
            ANALYZE users;
            ANALYZE user_field_values;
            """, ("c", large.CommunityId), ("n", LargeCommunityUsers), ("tier", largeFields["tier"]), ("points", largeFields["points"]), ("birthday", largeFields["birthday"]));

        // A new community afterwards, its users made through the API.
        var fresh = await MemberClient.BootstrapAsync(_http);
        await FieldsAsync(fresh);
        var people = new List<(string Username, string Status, string Tier, int Points, DateOnly? Birthday)>();
        for (var i = 0; i < 150; i++)
        {
            var person = ($"u{i:000}", i % 13 == 0 ? "deleted" : i % 7 == 0 ? "banned" : "active", Tiers[i % 3], (i * 7) % 60, i % 4 == 0 ? null : (DateOnly?)new DateOnly(1970, 1, 1).AddDays(i * 97));
            people.Add(person);
            var values = new List<object> { new { fieldIdorName = "tier", value = (object)person.Item3 }, new { fieldIdorName = "points", value = (object)person.Item4 } };
            if (person.Item5 is { } birthday) values.Add(new { fieldIdorName = "birthday", value = (object)birthday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
            var id = (await fresh.CreateUserAsync(new { username = person.Item1, email = $"{person.Item1}@example.com", customFields = values })).GetProperty("_id").GetString();
            if (person.Item2 != "active") await fresh.OkAsync(HttpMethod.Post, "/users/manage", new { action = person.Item2 == "banned" ? "ban" : "delete", user = id, reason = "test" });
        }

        var everyStatus = new[] { "active", "banned", "deleted" };
        (object Body, Func<(string Username, string Status, string Tier, int Points, DateOnly? Birthday), bool> Matches)[] searches =
        [
            (new { filter = new Dictionary<string, object> { ["tier"] = "gold", ["points"] = new { gte = 10 }, ["birthday"] = new { lte = "2000-06-30" } }, status = everyStatus },
                p => p.Tier == "gold" && p.Points >= 10 && p.Birthday <= new DateOnly(2000, 6, 30)),
            (new { filter = new Dictionary<string, object> { ["points"] = new { ne = 14 }, ["birthday"] = new { exists = false } }, status = "banned" },
                p => p.Status == "banned" && p.Points != 14 && p.Birthday is null),
            (new { filter = new Dictionary<string, object> { ["tier"] = new { @in = new[] { "gold", "silver" } }, ["points"] = new { lt = 30 }, ["birthday"] = new { exists = true } } },
                p => p.Status != "deleted" && p.Tier is "gold" or "silver" && p.Points < 30 && p.Birthday is not null),
        ];
        foreach (var (body, matches) in searches)
        {
            var expected = people.Where(matches).Select(p => p.Username).Order(StringComparer.Ordinal).ToArray();
            var (plan, total) = await ExplainCountAsync(connection, fresh.CommunityId, body);
            Assert.Equal(expected.Length, total);
            Assert.DoesNotContain("Nested Loop", plan.ToString(), StringComparison.Ordinal);
            var buffers = plan.GetProperty("Shared Hit Blocks").GetInt64() + plan.GetProperty("Shared Read Blocks").GetInt64();
            Assert.True(buffers < 2_000, $"{JsonSerializer.Serialize(body)}: the count read {buffers} buffers: {plan}");

            var (status, json) = await fresh.SendAsync(HttpMethod.Post, "/users/search", body);
            Assert.True(status == HttpStatusCode.OK, json.ToString());
            Assert.Equal(expected.Length, json.GetProperty("meta").GetProperty("total").GetInt32());
            Assert.Equal(expected, json.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("username").GetString()!).Order(StringComparer.Ordinal).ToArray());
        }
    }

    private static async Task<Dictionary<string, string>> FieldsAsync(MemberClient members) => new()
    {
        ["tier"] = await members.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = Tiers }),
        ["points"] = await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" }),
        ["birthday"] = await members.CreateFieldAsync(new { field = "birthday", name = "Birthday", type = "date" }),
    };

    /// <summary>The count the service sends for <paramref name="body"/>, run as it runs it, under EXPLAIN: its plan's root and the total.</summary>
    private async Task<(JsonElement Plan, int Total)> ExplainCountAsync(NpgsqlConnection connection, string communityId, object body)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var fields = await UserFields.AllAsync(db, communityId, CancellationToken.None);
        var errors = new List<ErrorItem>();
        var request = UserSearchReader.Read(JsonSerializer.SerializeToElement(body), [.. fields.Select(UserFields.Known)], errors);
        Assert.True(request is not null, string.Join(", ", errors.Select(e => e.Message)));
        var (sql, parameters) = new UserSearchQuery(communityId, request, LabelIds.Empty, LabelIds.Empty).Count(2_000);

        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, UserSearchCount.Settings);
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, connection);
        explain.Parameters.AddRange(parameters);
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan").Clone();
        await using var count = new NpgsqlCommand(sql, connection);
        count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (plan, reader.GetInt32(0));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
