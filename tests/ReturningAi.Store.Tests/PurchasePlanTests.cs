using System.Net;
using System.Text.Json;
using Npgsql;
using ReturningAi.TestSupport;
using Xunit.Abstractions;

namespace ReturningAi.Store.Tests;

/// <summary>
/// The purchase is a hot path (P15's benchmark buys 10,000 vouchers of one product with 16 clients): on
/// tables of realistic size every statement it runs walks an index, never a whole table, and the voucher is
/// taken with SKIP LOCKED, so a buyer never waits for a voucher another purchase holds.
/// </summary>
public sealed class PurchasePlanTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] HotTables = ["vouchers", "redemption_orders", "wallets", "ledger_entries", "user_copies"];
    private const string Vip = "bbbbbbbbbbbbbbbbbbbbbbb1";
    private readonly PlanRecorder _plans = new();
    private StoreFactory _factory = null!;
    private Shop _shop = null!;

    public Task InitializeAsync()
    {
        _factory = new StoreFactory(interceptor: _plans);
        _shop = new Shop(_factory, _factory.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData(false, "ix_vouchers_unassigned_by_added")]
    [InlineData(true, "ix_vouchers_unassigned_by_expiry")]
    public async Task Every_statement_of_a_purchase_walks_an_index_and_the_voucher_is_taken_with_skip_locked(bool expiringFirst, string voucherIndex)
    {
        var product = await FilledStoreAsync(expiringFirst);
        var buyer = await _shop.UserAsync("buyer", roleIds: [Vip]);
        await _shop.CreditAsync(buyer, 100);

        _plans.Recording = true;
        var bought = await _shop.BuyAsync(buyer, product);
        _plans.Recording = false;

        Assert.True(bought.Status == HttpStatusCode.Created, bought.Json.ToString());
        var hot = _plans.Plans.Where(p => HotTables.Any(t => p.Sql.Contains(t, StringComparison.Ordinal))).ToList();
        foreach (var (sql, plan) in hot)
        {
            output.WriteLine($"{string.Join(" > ", PlanRecorder.Nodes(plan).Select(Describe))}\n    {sql.ReplaceLineEndings(" ")}\n");
        }

        Assert.True(hot.Count >= 5, $"Only {hot.Count} statements on the hot tables were recorded.");
        Assert.All(hot, p => Assert.DoesNotContain(PlanRecorder.Nodes(p.Plan), n => n.GetProperty("Node Type").GetString() == "Seq Scan"));
        var take = Assert.Single(hot, p => p.Sql.Contains("SKIP LOCKED", StringComparison.Ordinal));
        Assert.Contains(PlanRecorder.Nodes(take.Plan), n => n.GetProperty("Node Type").GetString() == "LockRows");
        Assert.Contains(PlanRecorder.Nodes(take.Plan), n => n.TryGetProperty("Index Name", out var index) && index.GetString() == voucherIndex);
    }

    [Fact]
    public async Task A_purchase_passes_over_a_voucher_another_transaction_holds_instead_of_waiting_for_it()
    {
        var product = await _shop.ProductAsync("Held", 10, vouchers: 3);
        var buyer = await _shop.UserAsync("buyer");
        await _shop.CreditAsync(buyer, 100);

        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_factory.Database));
        await connection.OpenAsync();
        await using var holding = await connection.BeginTransactionAsync();
        await using var hold = new NpgsqlCommand("SELECT code FROM vouchers WHERE product_id = @p ORDER BY id LIMIT 1 FOR UPDATE", connection, holding);
        hold.Parameters.AddWithValue("p", product);
        var held = (string)(await hold.ExecuteScalarAsync())!;

        var bought = await _shop.BuyAsync(buyer, product).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(bought.Status == HttpStatusCode.Created, bought.Json.ToString());
        Assert.Equal("Held-00001", held);
        Assert.Equal("Held-00002", bought.Json.GetProperty("data").GetProperty("order").GetProperty("voucherCode").GetString());
        await holding.RollbackAsync();
    }

    private static string Describe(JsonElement node) =>
        node.GetProperty("Node Type").GetString() + (node.TryGetProperty("Index Name", out var index) ? $" ({index.GetString()})" : "")
            + (node.TryGetProperty("Relation Name", out var relation) && !node.TryGetProperty("Index Name", out _) ? $" ({relation.GetString()})" : "");

    /// <summary>
    /// A store as a busy one looks: the product with 20,000 vouchers (a limit for its role, so that the limit's read
    /// runs), 5,000 other wallets with ledger entries and orders, 5,000 other users; statistics up to date.
    /// </summary>
    private async Task<string> FilledStoreAsync(bool expiringFirst)
    {
        var product = await _shop.ProductAsync("Hot", 5, vouchers: 1, new { shouldPrioritiesExpiringVouchers = expiringFirst });
        await _shop.SetAccessAsync(product, true, $$"""
            [{"isEnabled":true,"type":"role","permission":{"roleIds":["{{Vip}}"],"tagIds":[],"userIds":[],"combination":[]},
              "purchaseAccess":{"specialPrice":0,"isSpecialPriceEnabled":false},
              "purchaseLimit":{"isPurchaseLimitEnabled":true,"quantity":100,"intervalCount":1,"intervalUnit":"weeks"},"accessLevel":"full-access","isExclusiveTagEnabled":false}]
            """);
        var other = await _shop.UserAsync("other", roleIds: [Vip]);
        await _shop.CreditAsync(other, 1_000);
        var template = (await _shop.BuyAsync(other, product)).Json.GetProperty("data").GetProperty("order").GetProperty("_id").GetString()!;

        await _shop.ExecuteAsync("""
            INSERT INTO vouchers (product_id, community_id, code, expire_date)
            SELECT @p, @c, 'BULK-' || lpad(g::text, 6, '0'), timestamptz '2030-01-01' + g * interval '1 minute' FROM generate_series(1, 20000) g;
            INSERT INTO user_copies SELECT (jsonb_populate_record(u, jsonb_build_object('user_id', 'a' || lpad(to_hex(g), 23, '0'),
                'username', 'u' || g, 'normalized_username', 'U' || g, 'email', g || '@example.com', 'normalized_email', g || '@EXAMPLE.COM'))).*
            FROM user_copies u, generate_series(1, 5000) g WHERE u.user_id = @o;
            INSERT INTO wallets SELECT (jsonb_populate_record(w, jsonb_build_object('user_id', 'a' || lpad(to_hex(g), 23, '0')))).*
            FROM wallets w, generate_series(1, 5000) g WHERE w.user_id = @o;
            INSERT INTO redemption_orders SELECT (jsonb_populate_record(o, jsonb_build_object('id', 'b' || lpad(to_hex(g), 23, '0'),
                'order_number', 'ORD' || lpad(g::text, 16, '0'), 'user_id', 'a' || lpad(to_hex(g), 23, '0')))).*
            FROM redemption_orders o, generate_series(1, 5000) g WHERE o.id = @t;
            INSERT INTO ledger_entries SELECT (jsonb_populate_record(e, jsonb_build_object('id', 'c' || lpad(to_hex(g), 23, '0'),
                'user_id', 'a' || lpad(to_hex(g), 23, '0'), 'order_id', null))).*
            FROM ledger_entries e, generate_series(1, 5000) g WHERE e.user_id = @o AND e.source = 'api';
            ANALYZE vouchers; ANALYZE user_copies; ANALYZE wallets; ANALYZE redemption_orders; ANALYZE ledger_entries;
            """, ("p", product), ("o", other), ("t", template));
        return product;
    }
}
