using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ReturningAi.TestSupport;

namespace ReturningAi.Bench;

/// <summary>
/// Scenario g's users. Seven custom fields (a select, a number, a second select, a date, a boolean, a multi-select, a
/// text) and three roles are made through the API, and one template user holding a value of each and a role. Then
/// <c>count</c> users are written by binary COPY into Community's own tables (<c>users</c>, <c>user_labels</c>,
/// <c>user_field_values</c>, <c>user_field_history</c>: one history item per value, as a create writes it), each value
/// set on 70 % of users, a role on a third: minutes of API calls and events become seconds. The rows are the API's:
/// the template's rows are compared column by column with what this generator makes of the same values (and the run
/// stops if one differs), and after the COPY the API reads a copied user back. What the COPY leaves out is what the
/// search never reads: each user's <c>USER_CREATED</c> event (and so the store's copy).
/// </summary>
internal sealed class UserCopies
{
    private static readonly string[] Tiers = ["bronze", "silver", "gold", "platinum"];
    private static readonly string[] Countries = ["us", "gb", "de", "fr", "es", "it", "nl", "se", "jp", "br"];
    private static readonly string[] Interests = ["sports", "music", "travel", "games", "food", "tech", "art", "books"];
    private static readonly string[] Roles = ["Gold Club", "Silver Club", "Staff"];
    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];
    private static readonly string[] FirstNames = ["Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis"];

    private static readonly (string Key, string Type, string[]? Options)[] Fields =
    [
        ("tier", "select", Tiers), ("points", "number", null), ("country", "select", Countries), ("birthday", "date", null),
        ("newsletter", "boolean", null), ("interests", "multi_select", Interests), ("note", "text", null),
    ];

    private UserCopies(string communityId, Dictionary<string, string> fieldIds, Dictionary<string, string> roleIds, List<Member> members) =>
        (CommunityId, FieldIds, RoleIds, Members) = (communityId, fieldIds, roleIds, members);

    public string CommunityId { get; }

    public Dictionary<string, string> FieldIds { get; }

    public Dictionary<string, string> RoleIds { get; }

    private List<Member> Members { get; }

    public int Count(Func<Member, bool> matches) => Members.Count(matches);

    public static async Task<UserCopies> SeedAsync(HttpClient http, string communityId, int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var fieldIds = new Dictionary<string, string>();
        foreach (var (key, type, options) in Fields)
        {
            fieldIds[key] = (await PostAsync(http, "/apis/user-fields", options is null ? new { field = key, name = key, type } : new { field = key, name = key, type, options }))
                .GetProperty("_id").GetString()!;
        }

        var roleIds = new Dictionary<string, string>();
        foreach (var role in Roles) roleIds[role] = (await PostAsync(http, "/apis/roles", new { name = role })).GetProperty("_id").GetString()!;

        var random = new Random(19);
        var template = Generate(random, "template" + tag, communityId) with { Role = "Gold Club" };
        template = template with { Tier = "gold", Points = 123, Country = "jp", Birthday = new DateOnly(1990, 5, 1), Newsletter = true, Interests = ["music", "art"], Note = "Hello bench" };
        var templateId = (await PostAsync(http, "/apis/users", new
        {
            username = template.Username, email = template.Email, roles = Roles[..1],
            customFields = Values(template).Select(v => new { fieldIdorName = v.Key, value = JsonDocument.Parse(v.Json).RootElement }).ToArray(),
        })).GetProperty("_id").GetString()!;

        // The COPY of 490,000 values with their indexes outlasts Npgsql's 30 s command timeout on a loaded machine.
        var connectionString = TestServers.PostgresConnectionString("communitydb") + ";Command Timeout=900";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var createdBy = await CheckTemplateAsync(connection, templateId, template, fieldIds);

        var members = Enumerable.Range(0, count).Select(i => Generate(random, $"member{tag}{i:000000}", communityId)).ToList();
        await CopyAsync(connection, communityId, members, fieldIds, roleIds, createdBy);

        var sample = members[count / 2];
        using var read = await http.GetAsync(new Uri($"/apis/users/{sample.Id}", UriKind.Relative));
        var user = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        if (read.StatusCode != HttpStatusCode.OK
            || Values(sample).Any(v => !JsonElement.DeepEquals(user.GetProperty("data").GetProperty("customFields").GetProperty(v.Key), JsonDocument.Parse(v.Json).RootElement)))
        {
            throw new InvalidOperationException($"The API reads a copied user otherwise than it was written: {user}");
        }

        return new UserCopies(communityId, fieldIds, roleIds, members);
    }

    internal sealed record Member(string Id, string Username, string Email, string? FirstName, DateTimeOffset JoinedAt)
    {
        public string? Tier { get; init; }
        public int? Points { get; init; }
        public string? Country { get; init; }
        public DateOnly? Birthday { get; init; }
        public bool? Newsletter { get; init; }
        public string[]? Interests { get; init; }
        public string? Note { get; init; }
        public string? Role { get; init; }
    }

    private static Member Generate(Random random, string username, string communityId)
    {
        T? Maybe<T>(Func<T> value) => random.NextDouble() < 0.7 ? value() : default;
        var joined = DateTimeOffset.UtcNow.AddMinutes(-random.Next(2 * 365 * 24 * 60));
        var id = string.Create(CultureInfo.InvariantCulture, $"{joined.ToUnixTimeSeconds():x8}{Guid.NewGuid():N}")[..24];
        _ = communityId;
        return new Member(id, username, $"{username}@bench.example", random.Next(4) == 0 ? null : FirstNames[random.Next(FirstNames.Length)], joined)
        {
            // bronze 40 %, silver 30 %, gold 20 %, platinum 10 % of holders: equality on bronze is a broad match.
            Tier = Maybe(() => Tiers[random.NextDouble() switch { < 0.4 => 0, < 0.7 => 1, < 0.9 => 2, _ => 3 }]),
            Points = random.NextDouble() < 0.7 ? random.Next(100_001) : null,
            Country = Maybe(() => Countries[random.Next(Countries.Length)]),
            Birthday = random.NextDouble() < 0.7 ? new DateOnly(1950, 1, 1).AddDays(random.Next(20_000)) : null,
            Newsletter = random.NextDouble() < 0.7 ? random.Next(2) == 1 : null,
            Interests = Maybe(() => Interests.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToArray()),
            Note = Maybe(() => $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {random.Next(1000)}"),
            Role = random.Next(3) == 0 ? Roles[random.Next(Roles.Length)] : null,
        };
    }

    /// <summary>A member's values by field key, as canonical JSON.</summary>
    private static IEnumerable<(string Key, string Json)> Values(Member m)
    {
        if (m.Tier is not null) yield return ("tier", JsonSerializer.Serialize(m.Tier));
        if (m.Points is not null) yield return ("points", m.Points.Value.ToString(CultureInfo.InvariantCulture));
        if (m.Country is not null) yield return ("country", JsonSerializer.Serialize(m.Country));
        if (m.Birthday is not null) yield return ("birthday", JsonSerializer.Serialize(m.Birthday.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (m.Newsletter is not null) yield return ("newsletter", m.Newsletter.Value ? "true" : "false");
        if (m.Interests is not null) yield return ("interests", JsonSerializer.Serialize(m.Interests));
        if (m.Note is not null) yield return ("note", JsonSerializer.Serialize(m.Note));
    }

    /// <summary>The typed columns of one value, as Community's <c>FieldValueColumns</c> stores them.</summary>
    private static (string? Text, decimal? Number, DateOnly? Date, bool? Boolean, string[]? Options) Columns(Member m, string key) => key switch
    {
        "tier" => (m.Tier!.ToUpperInvariant(), null, null, null, null),
        "country" => (m.Country!.ToUpperInvariant(), null, null, null, null),
        "note" => (m.Note!.ToUpperInvariant(), null, null, null, null),
        "points" => (null, m.Points, null, null, null),
        "birthday" => (null, null, m.Birthday, null, null),
        "newsletter" => (null, null, null, m.Newsletter, null),
        _ => (null, null, null, null, m.Interests),
    };

    /// <summary>Stops the run unless the API's rows for the template are what this generator writes: the history's <c>created_by</c>.</summary>
    private static async Task<string> CheckTemplateAsync(NpgsqlConnection connection, string templateId, Member template, Dictionary<string, string> fieldIds)
    {
        foreach (var (key, json) in Values(template))
        {
            var (text, number, date, boolean, options) = Columns(template, key);
            await using var check = new NpgsqlCommand("""
                SELECT count(*) FROM user_field_values v JOIN user_field_history h ON h.user_id = v.user_id AND h.field_id = v.field_id
                WHERE v.user_id = @u AND v.field_id = @f AND v.value = @json::jsonb AND v.text_value IS NOT DISTINCT FROM @t AND v.number_value IS NOT DISTINCT FROM @n
                  AND v.date_value IS NOT DISTINCT FROM @d AND v.bool_value IS NOT DISTINCT FROM @b AND v.option_values IS NOT DISTINCT FROM @o
                  AND v.unique_key IS NULL AND v.user_live AND h.old_value IS NULL AND h.new_value = @json::jsonb AND h.source = 'api' AND h.applied
                """, connection);
            check.Parameters.AddWithValue("u", NpgsqlDbType.Char, templateId);
            check.Parameters.AddWithValue("f", NpgsqlDbType.Char, fieldIds[key]);
            check.Parameters.AddWithValue("json", NpgsqlDbType.Text, json);
            check.Parameters.AddWithValue("t", NpgsqlDbType.Text, (object?)text ?? DBNull.Value);
            check.Parameters.AddWithValue("n", NpgsqlDbType.Numeric, (object?)number ?? DBNull.Value);
            check.Parameters.AddWithValue("d", NpgsqlDbType.Date, (object?)date ?? DBNull.Value);
            check.Parameters.AddWithValue("b", NpgsqlDbType.Boolean, (object?)boolean ?? DBNull.Value);
            check.Parameters.AddWithValue("o", NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)options ?? DBNull.Value);
            if ((long)(await check.ExecuteScalarAsync())! != 1) throw new InvalidOperationException($"The template's {key} is not stored as the bench's copies would be.");
        }

        await using var creator = new NpgsqlCommand("SELECT created_by::text FROM user_field_history WHERE user_id = @u LIMIT 1", connection);
        creator.Parameters.AddWithValue("u", NpgsqlDbType.Char, templateId);
        return (string)(await creator.ExecuteScalarAsync())!;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string communityId, List<Member> members, Dictionary<string, string> fieldIds,
        Dictionary<string, string> roleIds, string createdBy)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var users = await connection.BeginBinaryImportAsync("""
                         COPY users (id, community_id, username, normalized_username, email, normalized_email, version, created_at, display_name, first_name,
                                     joined_at, status, updated_at) FROM STDIN (FORMAT BINARY)
                         """))
        {
            foreach (var m in members)
            {
                await users.StartRowAsync();
                await users.WriteAsync(m.Id, NpgsqlDbType.Char);
                await users.WriteAsync(communityId, NpgsqlDbType.Char);
                await users.WriteAsync(m.Username, NpgsqlDbType.Varchar);
                await users.WriteAsync(m.Username.ToUpperInvariant(), NpgsqlDbType.Varchar);
                await users.WriteAsync(m.Email, NpgsqlDbType.Varchar);
                await users.WriteAsync(m.Email.ToUpperInvariant(), NpgsqlDbType.Varchar);
                await users.WriteAsync(1L, NpgsqlDbType.Bigint);
                await users.WriteAsync(m.JoinedAt, NpgsqlDbType.TimestampTz);
                await users.WriteAsync(m.Username, NpgsqlDbType.Varchar);
                await users.WriteAsync(m.FirstName, NpgsqlDbType.Varchar);
                await users.WriteAsync(m.JoinedAt, NpgsqlDbType.TimestampTz);
                await users.WriteAsync("active", NpgsqlDbType.Varchar);
                await users.WriteAsync(m.JoinedAt, NpgsqlDbType.TimestampTz);
            }

            await users.CompleteAsync();
        }

        await using (var labels = await connection.BeginBinaryImportAsync("COPY user_labels (user_id, label_id, community_id, kind) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var m in members.Where(m => m.Role is not null))
            {
                await labels.StartRowAsync();
                await labels.WriteAsync(m.Id, NpgsqlDbType.Char);
                await labels.WriteAsync(roleIds[m.Role!], NpgsqlDbType.Char);
                await labels.WriteAsync(communityId, NpgsqlDbType.Char);
                await labels.WriteAsync("role", NpgsqlDbType.Varchar);
            }

            await labels.CompleteAsync();
        }

        await using (var values = await connection.BeginBinaryImportAsync("""
                         COPY user_field_values (user_id, field_id, community_id, value, text_value, number_value, date_value, bool_value, option_values, user_live,
                                                 changed_at) FROM STDIN (FORMAT BINARY)
                         """))
        {
            foreach (var m in members)
            {
                foreach (var (key, json) in Values(m))
                {
                    var (text, number, date, boolean, options) = Columns(m, key);
                    await values.StartRowAsync();
                    await values.WriteAsync(m.Id, NpgsqlDbType.Char);
                    await values.WriteAsync(fieldIds[key], NpgsqlDbType.Char);
                    await values.WriteAsync(communityId, NpgsqlDbType.Char);
                    await values.WriteAsync(json, NpgsqlDbType.Jsonb);
                    await values.WriteAsync(text, NpgsqlDbType.Text);
                    await values.WriteAsync(number, NpgsqlDbType.Numeric);
                    await values.WriteAsync(date, NpgsqlDbType.Date);
                    await values.WriteAsync(boolean, NpgsqlDbType.Boolean);
                    await values.WriteAsync(options, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await values.WriteAsync(true, NpgsqlDbType.Boolean);
                    await values.WriteAsync(m.JoinedAt, NpgsqlDbType.TimestampTz);
                }
            }

            await values.CompleteAsync();
        }

        await using (var history = await connection.BeginBinaryImportAsync("""
                         COPY user_field_history (id, community_id, user_id, field_id, field, new_value, source, applied, created_by, changed_at, created_at)
                         FROM STDIN (FORMAT BINARY)
                         """))
        {
            foreach (var m in members)
            {
                foreach (var (key, json) in Values(m))
                {
                    await history.StartRowAsync();
                    await history.WriteAsync($"{m.Id[..8]}{Guid.NewGuid():N}"[..24], NpgsqlDbType.Char);
                    await history.WriteAsync(communityId, NpgsqlDbType.Char);
                    await history.WriteAsync(m.Id, NpgsqlDbType.Char);
                    await history.WriteAsync(fieldIds[key], NpgsqlDbType.Char);
                    await history.WriteAsync(key, NpgsqlDbType.Varchar);
                    await history.WriteAsync(json, NpgsqlDbType.Jsonb);
                    await history.WriteAsync("api", NpgsqlDbType.Varchar);
                    await history.WriteAsync(true, NpgsqlDbType.Boolean);
                    await history.WriteAsync(createdBy, NpgsqlDbType.Jsonb);
                    await history.WriteAsync(m.JoinedAt, NpgsqlDbType.TimestampTz);
                    await history.WriteAsync(m.JoinedAt, NpgsqlDbType.TimestampTz);
                }
            }

            await history.CompleteAsync();
        }

        await transaction.CommitAsync();
        // What autovacuum does a while after a large insert, done now so that the plans are those of a settled table and the
        // visibility map lets index-only scans stay index-only (without it the runs measure the autovacuum backlog instead).
        await new NpgsqlCommand("VACUUM (ANALYZE) users, user_labels, user_field_values, user_field_history", connection).ExecuteNonQueryAsync();
    }

    internal static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }
}
