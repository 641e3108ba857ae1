using System.Net;
using Xunit.Abstractions;

namespace ReturningAi.Store.Tests;

/// <summary>
/// What a purchase costs in round trips to PostgreSQL (scenario f of the benchmark buys thousands a run): the voucher take
/// also checks the new order number, the save makes no savepoint, and a number the community already has is drawn again.
/// </summary>
public sealed class PurchaseRoundTripTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly StatementLog _log = new();
    private StoreFactory _factory = null!;
    private Shop _shop = null!;

    public Task InitializeAsync()
    {
        _factory = new StoreFactory(interceptor: _log);
        _shop = new Shop(_factory, _factory.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_purchase_by_a_buyer_with_a_wallet_takes_its_voucher_and_order_number_in_one_statement_and_makes_no_savepoint()
    {
        var product = await _shop.ProductAsync("Gift", 10, vouchers: 2);
        var buyer = await _shop.UserAsync("buyer");
        await _shop.CreditAsync(buyer, 100);
        // The community's first purchase makes its default status; the ones after read it with the product.
        Assert.Equal(HttpStatusCode.Created, (await _shop.BuyAsync(buyer, product)).Status);

        _log.Recording = true;
        var bought = await _shop.BuyAsync(buyer, product);
        _log.Recording = false;

        Assert.True(bought.Status == HttpStatusCode.Created, bought.Json.ToString());
        var statements = _log.Statements;
        foreach (var statement in statements) output.WriteLine(statement.ReplaceLineEndings(" ") + "\n");
        Assert.DoesNotContain("SAVEPOINT", statements);
        var take = Assert.Single(statements, s => s.Contains("SKIP LOCKED", StringComparison.Ordinal));
        Assert.Contains("order_number", take, StringComparison.Ordinal);
        Assert.Single(statements, s => s.Contains("order_number", StringComparison.Ordinal) && !s.Contains("INSERT", StringComparison.Ordinal));
        // The key taken, the user, the product with its terms, the wallet locked, the voucher taken, the save, the key completed.
        Assert.True(statements.Count <= 7, $"{statements.Count} statements: {string.Join(" | ", statements)}");
    }

    [Fact]
    public async Task An_order_number_the_community_already_has_is_drawn_again_and_the_purchase_goes_through()
    {
        var product = await _shop.ProductAsync("Gift", 10, vouchers: 3);
        var first = await _shop.UserAsync("first");
        var second = await _shop.UserAsync("second");
        await _shop.CreditAsync(first, 100);
        await _shop.CreditAsync(second, 100);
        var taken = (await _shop.BuyAsync(first, product)).Json.GetProperty("data").GetProperty("order").GetProperty("orderNumber").GetString()!;

        _log.TakenOrderNumber = taken;
        _log.Recording = true;
        var bought = await _shop.BuyAsync(second, product);
        _log.Recording = false;

        Assert.True(bought.Status == HttpStatusCode.Created, bought.Json.ToString());
        Assert.Null(_log.TakenOrderNumber);
        var order = bought.Json.GetProperty("data").GetProperty("order");
        Assert.NotEqual(taken, order.GetProperty("orderNumber").GetString());
        Assert.Equal("Gift-00002", order.GetProperty("voucherCode").GetString());
        Assert.Equal(2, _log.Statements.Count(s => s.Contains("SKIP LOCKED", StringComparison.Ordinal)));
        Assert.Equal((1, 2), (await _shop.StocksAsync(product), await _shop.TotalOrdersAsync(product)));
        Assert.Equal(90m, await _shop.BalanceAsync(second));
    }
}
