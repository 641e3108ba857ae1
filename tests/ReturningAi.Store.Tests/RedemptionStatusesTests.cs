using System.Net;
using System.Text.Json;

namespace ReturningAi.Store.Tests;

/// <summary>rewards.md §7 against the real database: exactly one default, made lazily and race-safe; the refunding flag; deletes in use.</summary>
public sealed class RedemptionStatusesTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private StoreApi NewCommunity() => new(_factory, _client);

    private static string Name(JsonElement json) => json.GetProperty("data").GetProperty("name").GetString()!;

    [Fact]
    public async Task A_fresh_community_gets_Pending_as_its_one_default_however_many_requests_race_to_make_it()
    {
        var api = NewCommunity();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.SendAsync(HttpMethod.Get, "/redemption-statuses")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM redemption_statuses WHERE community_id = @c"));
        var pending = answers[0].Json.GetProperty("data")[0];
        Assert.Equal(("Pending", true, false, "incomplete"), (pending.GetProperty("name").GetString(), pending.GetProperty("isDefault").GetBoolean(),
            pending.GetProperty("refundsPoints").GetBoolean(), pending.GetProperty("category").GetString()));
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("color").ValueKind);
    }

    [Fact]
    public async Task An_existing_Pending_is_adopted_as_the_default()
    {
        var api = NewCommunity();
        await api.ScalarAsync("""
            INSERT INTO redemption_statuses (id, community_id, name, normalized_name, is_default, refunds_points, category, created_at, updated_at)
            VALUES ('aaaaaaaaaaaaaaaaaaaaaaaa', @c, 'pending', 'PENDING', FALSE, FALSE, 'incomplete', now(), now()) RETURNING 1
            """.Replace("aaaaaaaaaaaaaaaaaaaaaaaa", api.CommunityId[..12] + "000000000000", StringComparison.Ordinal));

        var list = await api.SendAsync(HttpMethod.Get, "/redemption-statuses");

        var only = Assert.Single(list.Json.GetProperty("data").EnumerateArray());
        Assert.Equal(("pending", true), (only.GetProperty("name").GetString(), only.GetProperty("isDefault").GetBoolean()));
    }

    [Fact]
    public async Task Creating_a_status_makes_the_default_first_so_Pending_is_taken()
    {
        var api = NewCommunity();

        var created = await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "PENDING" });

        Assert.Equal(HttpStatusCode.Conflict, created.Status);
        Assert.Equal("duplicate_name", StoreApi.ErrorCode(created.Json));
    }

    [Fact]
    public async Task A_status_is_created_with_its_documented_fields_and_defaults()
    {
        var api = NewCommunity();

        var shipping = await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Shipping", color = "#3ea1fd" });
        var cancelled = await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Cancelled", refundsPoints = true, category = "complete" });

        Assert.Equal(HttpStatusCode.Created, shipping.Status);
        var data = shipping.Json.GetProperty("data");
        Assert.Equal(("Shipping", false, false, "incomplete", "#3EA1FD"), (data.GetProperty("name").GetString(), data.GetProperty("isDefault").GetBoolean(),
            data.GetProperty("refundsPoints").GetBoolean(), data.GetProperty("category").GetString(), data.GetProperty("color").GetString()));
        Assert.Equal(data.GetProperty("createdAt").GetString(), data.GetProperty("updatedAt").GetString());
        Assert.Equal(("Cancelled", true, "complete"), (Name(cancelled.Json), cancelled.Json.GetProperty("data").GetProperty("refundsPoints").GetBoolean(),
            cancelled.Json.GetProperty("data").GetProperty("category").GetString()));
    }

    [Fact]
    public async Task The_default_moves_and_there_is_always_exactly_one()
    {
        var api = NewCommunity();
        var created = await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Received", isDefault = true });
        Assert.True(created.Json.GetProperty("data").GetProperty("isDefault").GetBoolean());
        var other = await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Processing" });
        var otherId = other.Json.GetProperty("data").GetProperty("_id").GetString();

        var moved = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{otherId}", new { isDefault = true });

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.True(moved.Json.GetProperty("data").GetProperty("isDefault").GetBoolean());
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM redemption_statuses WHERE community_id = @c AND is_default"));
        var defaults = await api.SendAsync(HttpMethod.Get, "/redemption-statuses?filter=isDefault:true");
        Assert.Equal(["Processing"], defaults.Json.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Concurrent_moves_of_the_default_leave_exactly_one()
    {
        var api = NewCommunity();
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var created = await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = $"Step {i}" });
            ids.Add(created.Json.GetProperty("data").GetProperty("_id").GetString()!);
        }

        var moves = await Task.WhenAll(ids.Select(id => api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{id}", new { isDefault = true })));

        Assert.All(moves, m => Assert.Equal(HttpStatusCode.OK, m.Status));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM redemption_statuses WHERE community_id = @c AND is_default"));
    }

    [Fact]
    public async Task The_default_cannot_be_unset_deleted_or_a_refunding_status()
    {
        var api = NewCommunity();
        var pending = (await api.SendAsync(HttpMethod.Get, "/redemption-statuses")).Json.GetProperty("data")[0].GetProperty("_id").GetString();
        var cancelled = (await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Cancelled", refundsPoints = true }))
            .Json.GetProperty("data").GetProperty("_id").GetString();

        var unset = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{pending}", new { isDefault = false });
        var delete = await api.SendAsync(HttpMethod.Delete, $"/redemption-statuses/{pending}");
        var refundingDefault = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{cancelled}", new { isDefault = true });
        var refundingCreate = await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Void", isDefault = true, refundsPoints = true });
        var immutable = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{cancelled}", new { refundsPoints = false });
        var same = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{cancelled}", new { refundsPoints = true, color = "#FF0000" });

        Assert.Equal((HttpStatusCode.Conflict, "default_status_required"), (unset.Status, StoreApi.ErrorCode(unset.Json)));
        Assert.Equal((HttpStatusCode.Conflict, "redemption_status_in_use"), (delete.Status, StoreApi.ErrorCode(delete.Json)));
        Assert.Equal((HttpStatusCode.Conflict, "refunding_default"), (refundingDefault.Status, StoreApi.ErrorCode(refundingDefault.Json)));
        Assert.Equal((HttpStatusCode.BadRequest, "refunding_default"), (refundingCreate.Status, StoreApi.ErrorCode(refundingCreate.Json)));
        Assert.Equal((HttpStatusCode.Conflict, "refunds_points_immutable"), (immutable.Status, StoreApi.ErrorCode(immutable.Json)));
        Assert.Equal((HttpStatusCode.OK, "#FF0000"), (same.Status, same.Json.GetProperty("data").GetProperty("color").GetString()));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM redemption_statuses WHERE community_id = @c AND is_default"));
    }

    [Fact]
    public async Task An_update_is_partial_and_names_stay_unique()
    {
        var api = NewCommunity();
        var shipping = (await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Shipping", color = "#3EA1FD" }))
            .Json.GetProperty("data").GetProperty("_id").GetString();

        var renamed = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{shipping}", new { name = "Shipped", category = "complete" });
        var cleared = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{shipping}", new { color = (string?)null });
        var taken = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{shipping}", new { name = "pending" });
        var invalid = await api.SendAsync(HttpMethod.Put, $"/redemption-statuses/{shipping}", new { category = "done", color = "red" });

        Assert.Equal(("Shipped", "complete", "#3EA1FD"), (Name(renamed.Json), renamed.Json.GetProperty("data").GetProperty("category").GetString(),
            renamed.Json.GetProperty("data").GetProperty("color").GetString()));
        Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("data").GetProperty("color").ValueKind);
        Assert.Equal("Shipped", Name(cleared.Json));
        Assert.Equal((HttpStatusCode.Conflict, "duplicate_name"), (taken.Status, StoreApi.ErrorCode(taken.Json)));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(2, invalid.Json.GetProperty("errors").GetArrayLength());
        Assert.Equal("Shipped", Name((await api.SendAsync(HttpMethod.Get, $"/redemption-statuses/{shipping}")).Json));
    }

    [Fact]
    public async Task A_status_no_one_uses_is_deleted_and_another_communitys_is_not_found()
    {
        var api = NewCommunity();
        var stranger = NewCommunity();
        var shipping = (await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Shipping" })).Json.GetProperty("data").GetProperty("_id").GetString();

        var foreign = await stranger.SendAsync(HttpMethod.Delete, $"/redemption-statuses/{shipping}");
        var foreignUpdate = await stranger.SendAsync(HttpMethod.Put, $"/redemption-statuses/{shipping}", new { name = "Mine" });
        var deleted = await api.SendAsync(HttpMethod.Delete, $"/redemption-statuses/{shipping}");
        var again = await api.SendAsync(HttpMethod.Delete, $"/redemption-statuses/{shipping}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(HttpStatusCode.NotFound, foreignUpdate.Status);
        Assert.Equal((HttpStatusCode.OK, "Shipping"), (deleted.Status, Name(deleted.Json)));
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task A_status_a_product_overrides_to_is_in_use_and_a_refunding_one_cannot_be_an_override()
    {
        var api = NewCommunity();
        await api.SendAsync(HttpMethod.Post, "/categories", new { name = "Cards" });
        var held = (await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Held" })).Json.GetProperty("data").GetProperty("_id").GetString();
        await api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Refunded", refundsPoints = true });

        var product = await api.SendAsync(HttpMethod.Post, "/products", ProductBody("Card", "held"));
        var refunding = await api.SendAsync(HttpMethod.Post, "/products", ProductBody("Other", "refunded"));
        var delete = await api.SendAsync(HttpMethod.Delete, $"/redemption-statuses/{held}");

        Assert.Equal(HttpStatusCode.Created, product.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "refunding_status_override"), (refunding.Status, StoreApi.ErrorCode(refunding.Json)));
        Assert.Equal("purchaseStatusOverrideName", refunding.Json.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal((HttpStatusCode.Conflict, "redemption_status_in_use"), (delete.Status, StoreApi.ErrorCode(delete.Json)));
    }

    [Fact]
    public async Task A_product_may_name_Pending_before_any_status_request()
    {
        var api = NewCommunity();
        await api.SendAsync(HttpMethod.Post, "/categories", new { name = "Cards" });

        var product = await api.SendAsync(HttpMethod.Post, "/products", ProductBody("Card", "pending"));

        Assert.Equal(HttpStatusCode.Created, product.Status);
        Assert.Equal("Pending", product.Json.GetProperty("data").GetProperty("purchaseStatusOverride").GetProperty("status").GetString());
    }

    internal static object ProductBody(string name, string? status) => new
    {
        name, price = 10, categoryName = "Cards", vouchers = Array.Empty<string>(), voucherExpireDate = (string?)null,
        purchaseStatusOverrideName = status,
    };
}
