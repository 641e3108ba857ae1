using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>Products and categories stored while permission entries kept names are read back, after the migrations, by ids.</summary>
public sealed class PermissionEntriesMigrationTests : IAsyncLifetime
{
    private readonly string _database = TestServers.UniqueDatabaseName("store_migration");
    private readonly string _community = ObjectIds.New();
    private StoreFactory? _factory;

    /// <summary>The last migration while categories' permission entries kept names.</summary>
    private const string BeforeCategoryIds = "20261201011342_OutboxAndInbox";

    public Task InitializeAsync()
    {
        TestServers.EnsureReachable();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        // The factory drops the database it ran on; without one, it is dropped here.
        if (_factory is not null) await _factory.DisposeAsync();
        else await TestServers.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Names_in_old_entries_become_ids_that_read_back_as_current_names()
    {
        await MigrateAsync("20261125223007_IdempotencyOwnerMessage");

        var (gold, silver, beta, alex) = await InsertReferenceNamesAsync();
        var product = ObjectIds.New();
        await ExecuteAsync($$"""
            INSERT INTO categories (id, community_id, name, normalized_name, description, created_at, updated_at)
                VALUES ('{{ObjectIds.New()}}', '{{_community}}', 'Cards', 'CARDS', '', now(), now());
            INSERT INTO products (id, community_id, name, description, price, category_id, discount_price, is_discount_enabled,
                    user_information, should_priorities_expiring_vouchers, should_display_remaining_quantity, expiring_voucher_highlight,
                    is_archived, total_orders, redemption_instructions, product_permission, is_product_access_enabled, created_at, updated_at)
                SELECT '{{product}}', '{{_community}}', 'Old shape', '', 10, id, 0, false,
                    '{"isEnabled":false,"shouldCollectName":false,"shouldCollectPhone":false,"shouldCollectAddress":false}', false, false,
                    '{"isEnabled":false,"duration":7,"timeframe":"days"}', false, 0, '',
                    '[{"isEnabled":true,"type":"combination","permission":{"roleNames":["Gold"," silver ","Gone","Never"],"tagNames":["Beta"],"usernames":["alex"],
                       "combination":[{"type":"tag","values":["Beta"]},{"type":"role","values":["Gone"]}]},
                       "purchaseAccess":{"specialPrice":5,"isSpecialPriceEnabled":true},
                       "purchaseLimit":{"isPurchaseLimitEnabled":true,"quantity":2,"intervalCount":1,"intervalUnit":"weeks"},
                       "accessLevel":"view-only","isExclusiveTagEnabled":true}]',
                    false, now(), now()
                FROM categories WHERE community_id = '{{_community}}';
            """);

        var entry = (await StartAndReadAsync($"/products/{product}")).GetProperty("productPermission")[0];

        var stored = await ScalarAsync($"SELECT product_permission::text FROM products WHERE id = '{product}'");
        using var storedJson = JsonDocument.Parse(stored);
        var ids = storedJson.RootElement[0].GetProperty("permission");
        Assert.Equal([gold, silver], ids.GetProperty("roleIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([beta], ids.GetProperty("tagIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([alex], ids.GetProperty("userIds").EnumerateArray().Select(i => i.GetString()));
        Assert.DoesNotContain("Gold", stored, StringComparison.Ordinal);

        var permission = entry.GetProperty("permission");
        Assert.Equal(["Gold", "Silver"], permission.GetProperty("roleNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["Beta"], permission.GetProperty("tagNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["alex"], permission.GetProperty("usernames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["Beta"], permission.GetProperty("combination")[0].GetProperty("values").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(0, permission.GetProperty("combination")[1].GetProperty("values").GetArrayLength());
        Assert.Equal(("combination", "view-only", 5m, "weeks"), (entry.GetProperty("type").GetString(), entry.GetProperty("accessLevel").GetString(),
            entry.GetProperty("purchaseAccess").GetProperty("specialPrice").GetDecimal(), entry.GetProperty("purchaseLimit").GetProperty("intervalUnit").GetString()));
    }

    [Fact]
    public async Task Names_in_old_category_entries_become_ids_that_read_back_as_current_names_and_go_back_down()
    {
        await MigrateAsync(BeforeCategoryIds);

        var (gold, silver, beta, alex) = await InsertReferenceNamesAsync();
        var (category, plain) = (ObjectIds.New(), ObjectIds.New());
        await ExecuteAsync($$"""
            INSERT INTO categories (id, community_id, name, normalized_name, description, created_at, updated_at, category_permission) VALUES
                ('{{category}}', '{{_community}}', 'Members', 'MEMBERS', '', now(), now(),
                 '[{"isEnabled":true,"type":"combination","permission":{"roleNames":["Gold"," silver ","Gone","Never"],"tagNames":["Beta"],"usernames":["alex"],
                    "combination":[{"type":"tag","values":["Beta"]},{"type":"role","values":["Gone"]}],"isSelectAll":true},
                    "purchaseLimit":{"isEnabled":true,"quantity":2,"intervalCount":1,"intervalUnit":"weeks"},"accessLevel":"view-only"}]'),
                ('{{plain}}', '{{_community}}', 'Plain', 'PLAIN', '', now(), now(), '[]');
            """);

        var entry = (await StartAndReadAsync($"/categories/{category}")).GetProperty("categoryPermission")[0];

        var stored = await ScalarAsync($"SELECT category_permission::text FROM categories WHERE id = '{category}'");
        using (var storedJson = JsonDocument.Parse(stored))
        {
            var ids = storedJson.RootElement[0].GetProperty("permission");
            Assert.Equal([gold, silver], ids.GetProperty("roleIds").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal([beta], ids.GetProperty("tagIds").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal([alex], ids.GetProperty("userIds").EnumerateArray().Select(i => i.GetString()));
            Assert.True(storedJson.RootElement[0].GetProperty("isSelectAll").GetBoolean());
            Assert.DoesNotContain("Gold", stored, StringComparison.Ordinal);
        }

        Assert.Equal("[]", await ScalarAsync($"SELECT category_permission::text FROM categories WHERE id = '{plain}'"));
        var permission = entry.GetProperty("permission");
        Assert.Equal(["Gold", "Silver"], permission.GetProperty("roleNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["Beta"], permission.GetProperty("tagNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["alex"], permission.GetProperty("usernames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["Beta"], permission.GetProperty("combination")[0].GetProperty("values").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(0, permission.GetProperty("combination")[1].GetProperty("values").GetArrayLength());
        Assert.True(permission.GetProperty("isSelectAll").GetBoolean());
        Assert.Equal(("combination", "view-only", 2, "weeks"), (entry.GetProperty("type").GetString(), entry.GetProperty("accessLevel").GetString(),
            entry.GetProperty("purchaseLimit").GetProperty("quantity").GetInt32(), entry.GetProperty("purchaseLimit").GetProperty("intervalUnit").GetString()));

        // Down: the ids become the items' current names again, isSelectAll back inside permission.
        await MigrateAsync(BeforeCategoryIds);

        using var down = JsonDocument.Parse(await ScalarAsync($"SELECT category_permission::text FROM categories WHERE id = '{category}'"));
        var names = down.RootElement[0].GetProperty("permission");
        Assert.Equal(["Gold", "Silver"], names.GetProperty("roleNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["Beta"], names.GetProperty("combination")[0].GetProperty("values").EnumerateArray().Select(n => n.GetString()));
        Assert.True(names.GetProperty("isSelectAll").GetBoolean());
        Assert.False(down.RootElement[0].TryGetProperty("isSelectAll", out _));
    }

    /// <summary>The store's copy of the community's items: roles Gold and Silver, tag Beta, user alex, and a deleted role Gone.</summary>
    private async Task<(string Gold, string Silver, string Beta, string Alex)> InsertReferenceNamesAsync()
    {
        var (gold, silver, beta, alex, gone) = (ObjectIds.New(), ObjectIds.New(), ObjectIds.New(), ObjectIds.New(), ObjectIds.New());
        await ExecuteAsync($"""
            INSERT INTO reference_names (community_id, kind, id, name, normalized_name, deleted, version) VALUES
                ('{_community}', 'role', '{gold}', 'Gold', 'GOLD', false, 1),
                ('{_community}', 'role', '{silver}', 'Silver', 'SILVER', false, 1),
                ('{_community}', 'tag', '{beta}', 'Beta', 'BETA', false, 1),
                ('{_community}', 'user', '{alex}', 'alex', 'ALEX', false, 1),
                ('{_community}', 'role', '{gone}', 'Gone', 'GONE', true, 2);
            """);
        return (gold, silver, beta, alex);
    }

    private async Task MigrateAsync(string target)
    {
        await using var db = StoreContexts.On(_database);
        await db.GetInfrastructure().GetRequiredService<IMigrator>().MigrateAsync(target);
    }

    /// <summary>Starts the service on the database (it migrates the database as it starts) and reads <paramref name="path"/>'s data.</summary>
    private async Task<JsonElement> StartAndReadAsync(string path)
    {
        _factory = new StoreFactory(_database);
        var client = _factory.CreateClient();
        using var read = StoreFactory.FromGateway(HttpMethod.Get, path, _community);
        using var response = await client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
