using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.Contracts.Events;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>
/// A category's permission entries point at the roles, tags and users their names resolved to (CONTRACT.md
/// section 8), as a product's do: a rename keeps the rule, a new role of the old name gains nothing, a
/// deleted item is shown no more, and a name the community does not have is a 400 that writes nothing.
/// </summary>
public sealed class CategoryPermissionsByIdTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StoreFactory _factory = new();
    private readonly string _community = ObjectIds.New();
    private readonly (string Gold, string Beta, string Alex) _ids = (ObjectIds.New(), ObjectIds.New(), ObjectIds.New());
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = await _factory.StartWithCategoryAsync(_community, "Cards");
        await PublishAsync(ReferenceDataChanged.Role, _ids.Gold, "Gold", version: 1);
        await PublishAsync(ReferenceDataChanged.Tag, _ids.Beta, "Beta", version: 1);
        await PublishAsync(ReferenceDataChanged.User, _ids.Alex, "alex", version: 1);
        await Eventually.Until(() => _factory.ScalarAsync("SELECT count(*) FROM reference_names WHERE community_id = @c", _community),
            n => n == 3, Patience, "the role, tag and user to reach the store");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static object Gated(string name, params string[] roleNames) => new
    {
        name,
        categoryPermission = new[]
        {
            new
            {
                type = "combination",
                permission = new
                {
                    roleNames,
                    tagNames = new[] { "beta" },
                    usernames = new[] { "alex" },
                    combination = new[] { new { type = "role", values = roleNames } },
                    isSelectAll = true,
                },
                accessLevel = "view-only",
            },
        },
    };

    [Fact]
    public async Task A_renamed_role_keeps_the_rule_a_new_role_of_the_old_name_gains_nothing_and_a_deleted_one_drops_out()
    {
        var created = await SendAsync(HttpMethod.Post, "/categories", Gated("Members", " gold "));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Data.GetProperty("_id").GetString()!;
        Assert.Equal(("Gold", "Beta", "alex", true), Targets(created.Data));
        var stored = await StoredAsync(id);
        Assert.Contains(_ids.Gold, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Gold", stored, StringComparison.OrdinalIgnoreCase);

        await PublishAsync(ReferenceDataChanged.Role, _ids.Gold, "Platinum", version: 2);
        var renamed = await ReadUntilAsync(id, c => Targets(c).Roles == "Platinum", "the rename to reach the store");
        Assert.Equal(["Platinum"], CombinationValues(renamed));

        // A new role takes the old name; a partial update (permissions not sent) keeps the stored ids.
        var newGold = ObjectIds.New();
        await PublishAsync(ReferenceDataChanged.Role, newGold, "Gold", version: 1);
        await Eventually.Until(() => _factory.ScalarAsync("SELECT count(*) FROM reference_names WHERE community_id = @c", _community),
            n => n == 4, Patience, "the new role Gold to reach the store");
        var updated = await SendAsync(HttpMethod.Put, $"/categories/{id}", new { displayOrder = 5 });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(("Platinum", "Beta", "alex", true), Targets(updated.Data));
        Assert.DoesNotContain(newGold, await StoredAsync(id), StringComparison.Ordinal);

        await PublishAsync(ReferenceDataChanged.Role, _ids.Gold, "Platinum", version: 3, deleted: true);
        var dropped = await ReadUntilAsync(id, c => Targets(c).Roles.Length == 0, "the deletion to reach the store");
        Assert.Equal(("", "Beta", "alex", true), Targets(dropped));
        Assert.Empty(CombinationValues(dropped));
        Assert.Equal("view-only", dropped.GetProperty("categoryPermission")[0].GetProperty("accessLevel").GetString());

        // Named again, the new role Gold is the one the entry points at.
        var renamedAgain = await SendAsync(HttpMethod.Put, $"/categories/{id}", Gated("Members", "GOLD"));
        Assert.Equal(HttpStatusCode.OK, renamedAgain.Status);
        Assert.Contains(newGold, await StoredAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_the_community_does_not_have_is_a_400_naming_its_field_and_nothing_changes()
    {
        var created = await SendAsync(HttpMethod.Post, "/categories", Gated("Members", "Gold"));
        var id = created.Data.GetProperty("_id").GetString()!;
        var before = await StoredAsync(id);

        var unknown = new
        {
            categoryPermission = new[]
            {
                new { type = "role", permission = new { roleNames = new[] { "Gold", "Nobody" }, tagNames = Array.Empty<string>(), usernames = new[] { "sam" },
                    combination = new[] { new { type = "tag", values = new[] { "Ghost" } } } } },
            },
        };
        var refusedCreate = await SendAsync(HttpMethod.Post, "/categories", new { name = "Other", unknown.categoryPermission });
        var refusedUpdate = await SendAsync(HttpMethod.Put, $"/categories/{id}", unknown);

        (string?, string?)[] expected =
        [
            ("unknown_role", "categoryPermission[0].permission.roleNames[1]"),
            ("unknown_tag", "categoryPermission[0].permission.combination[0].values[0]"),
            ("unknown_user", "categoryPermission[0].permission.usernames[0]"),
        ];
        foreach (var refused in new[] { refusedCreate, refusedUpdate })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal(expected, refused.Body.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())).OrderBy(e => e.Item1, StringComparer.Ordinal));
        }

        Assert.Equal(2, await _factory.ScalarAsync("SELECT count(*) FROM categories WHERE community_id = @c", _community));
        Assert.Equal(before, await StoredAsync(id));
    }

    private async Task PublishAsync(string kind, string id, string name, long version, bool deleted = false) =>
        await _factory.Services.GetRequiredService<IBus>().Publish(new ReferenceDataChanged(kind, _community, id, name, deleted, version));

    private async Task<(HttpStatusCode Status, JsonElement Body, JsonElement Data)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = StoreFactory.FromGateway(method, path, _community, body);
        using var response = await _client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, json, json.TryGetProperty("data", out var data) ? data : default);
    }

    private async Task<JsonElement> ReadUntilAsync(string id, Func<JsonElement, bool> done, string what) =>
        (await Eventually.Until(() => SendAsync(HttpMethod.Get, $"/categories/{id}"),
            r => r.Status == HttpStatusCode.OK && done(r.Data), Patience, what)).Data;

    private Task<string> StoredAsync(string id) =>
        _factory.TextAsync($"SELECT category_permission::text FROM categories WHERE id = '{id}' AND community_id = @c", _community);

    /// <summary>The first entry's targets, each list joined with commas.</summary>
    private static (string Roles, string Tags, string Users, bool IsSelectAll) Targets(JsonElement category)
    {
        var permission = category.GetProperty("categoryPermission")[0].GetProperty("permission");
        string Names(string field) => string.Join(',', permission.GetProperty(field).EnumerateArray().Select(n => n.GetString()));
        return (Names("roleNames"), Names("tagNames"), Names("usernames"), permission.GetProperty("isSelectAll").GetBoolean());
    }

    private static List<string?> CombinationValues(JsonElement category) =>
        [.. category.GetProperty("categoryPermission")[0].GetProperty("permission").GetProperty("combination")[0].GetProperty("values").EnumerateArray().Select(v => v.GetString())];
}
