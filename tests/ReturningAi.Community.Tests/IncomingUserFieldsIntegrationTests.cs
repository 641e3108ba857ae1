using System.Net;
using System.Text.Json;

namespace ReturningAi.Community.Tests;

/// <summary>The incoming webhook for custom user fields against the Community service on real PostgreSQL (events-and-jobs.md §2).</summary>
public sealed class IncomingUserFieldsIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    private const string Path = "/webhooks/incoming/user-fields";
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Sets_several_values_by_email_or_id_clears_with_null_and_writes_webhook_history()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = new[] { "Silver", "Gold" } });
        await api.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        await api.CreateFieldAsync(new { field = "note", name = "Note", type = "text" });
        var user = await api.CreateUserAsync(new { username = "ada", email = "ada@example.com", customFields = new[] { new { fieldIdorName = "note", value = "hi" } } });
        var id = user.GetProperty("_id").GetString()!;

        var byEmail = await api.OkAsync(HttpMethod.Post, Path, new { email = "ADA@example.com", fields = new Dictionary<string, object?> { ["tier"] = "Gold", ["points"] = 250 } });
        Assert.Equal(id, byEmail.GetProperty("userID").GetString());
        Assert.Equal("Gold", byEmail.GetProperty("fields").GetProperty("tier").GetString());
        Assert.Equal(250, byEmail.GetProperty("fields").GetProperty("points").GetInt32());
        Assert.Equal("hi", byEmail.GetProperty("fields").GetProperty("note").GetString());

        var byId = await api.OkAsync(HttpMethod.Post, Path, new { userID = id, fields = new Dictionary<string, object?> { ["note"] = null, ["points"] = 250 } });
        Assert.False(byId.GetProperty("fields").TryGetProperty("note", out _));
        Assert.Equal(250, byId.GetProperty("fields").GetProperty("points").GetInt32());

        var history = await api.OkAsync(HttpMethod.Get, $"/users/{id}/field-histories");
        Assert.Equal(["note:webhook", "points:webhook", "tier:webhook", "note:api"],
            history.EnumerateArray().OrderByDescending(h => h.GetProperty("changedAt").GetDateTimeOffset())
                .ThenBy(h => h.GetProperty("field").GetString(), StringComparer.Ordinal)
                .Select(h => $"{h.GetProperty("field").GetString()}:{h.GetProperty("source").GetString()}"));
    }

    [Fact]
    public async Task Every_problem_is_a_400_naming_fields_dot_name_and_nothing_is_written()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        var id = (await api.CreateUserAsync(new { username = "bob", email = "bob@example.com" })).GetProperty("_id").GetString()!;

        Assert.Equal([("user_identifier_required", "userID")],
            await api.RefusedAsync(HttpMethod.Post, Path, new { fields = new { points = 1 } }, HttpStatusCode.BadRequest));
        Assert.Equal([("invalid_field_value", "fields.points"), ("unknown_user_field", "fields.nope")],
            await api.RefusedAsync(HttpMethod.Post, Path, new { userID = id, fields = new Dictionary<string, object?> { ["points"] = "many", ["nope"] = 1 } },
                HttpStatusCode.BadRequest));
        Assert.Equal([("invalid_length", "fields")], await api.RefusedAsync(HttpMethod.Post, Path, new { userID = id, fields = new { } }, HttpStatusCode.BadRequest));
        Assert.Equal([("too_many_items", "fields")], await api.RefusedAsync(HttpMethod.Post, Path,
            new { userID = id, fields = Enumerable.Range(0, 101).ToDictionary(i => $"f{i}", i => (object?)i) }, HttpStatusCode.BadRequest));
        Assert.Equal([("required", "fields")], await api.RefusedAsync(HttpMethod.Post, Path, new { userID = id }, HttpStatusCode.BadRequest));
        Assert.Equal([("user_not_found", null)],
            await api.RefusedAsync(HttpMethod.Post, Path, new { email = "nobody@example.com", fields = new { points = 1 } }, HttpStatusCode.NotFound));
        Assert.Equal([("user_not_found", null)],
            await api.RefusedAsync(HttpMethod.Post, Path, new { userID = new string('a', 24), fields = new { points = 1 } }, HttpStatusCode.NotFound));

        var history = await api.OkAsync(HttpMethod.Get, $"/users/{id}/field-histories");
        Assert.Equal(0, history.GetArrayLength());
    }

    [Fact]
    public async Task A_key_without_users_is_403_and_another_communitys_user_is_not_found()
    {
        var owner = await MemberClient.BootstrapAsync(_http);
        await owner.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        var id = (await owner.CreateUserAsync(new { username = "cy", email = "cy@example.com" })).GetProperty("_id").GetString()!;
        var other = await MemberClient.BootstrapAsync(_http);
        await other.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });

        await owner.WithPermissions("store").RefusedAsync(HttpMethod.Post, Path, new { userID = id, fields = new { points = 1 } }, HttpStatusCode.Forbidden);
        await other.RefusedAsync(HttpMethod.Post, Path, new { userID = id, fields = new { points = 1 } }, HttpStatusCode.NotFound);
        await other.RefusedAsync(HttpMethod.Post, Path, new { email = "cy@example.com", fields = new { points = 1 } }, HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.Array, (await owner.OkAsync(HttpMethod.Get, $"/users/{id}/field-histories")).ValueKind);
        Assert.Equal(0, (await owner.OkAsync(HttpMethod.Get, $"/users/{id}/field-histories")).GetArrayLength());
    }
}
