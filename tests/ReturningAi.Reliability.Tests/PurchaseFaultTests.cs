using System.Net;
using System.Security.Cryptography;
using Npgsql;
using ReturningAi.TestSupport;
using Xunit.Abstractions;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// A store instance killed in the middle of a purchase (rewards.md §4, the last race): the purchase is one
/// local transaction, so the voucher, the order, its history, the debit and the event are all there or none is.
/// </summary>
[Collection(ReliabilityCollection.Name)]
[TestCaseOrderer(ByMethodNameOrderer.TypeName, ByMethodNameOrderer.AssemblyName)]
public sealed class PurchaseFaultTests(ReliabilityStack stack, ITestOutputHelper output) : ReliabilityTest(stack, output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    // Every table a purchase writes before its event: the instance is killed only once its transaction has written to each.
    private static readonly string[] PurchaseTables = ["vouchers", "redemption_orders", "order_history", "ledger_entries", "wallets", "idempotency_records"];

    [Fact]
    public async Task P1_A_store_instance_killed_mid_purchase_leaves_none_of_it_and_the_partners_retry_buys_once()
    {
        var api = Stack.Api;
        var community = await api.BootstrapCommunityAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new { name = "Gift cards" })).Status);
        var user = await api.SendAsync(HttpMethod.Post, "/apis/users", community.Token, new { username = "alex", email = "alex@example.com" });
        Assert.Equal(HttpStatusCode.Created, user.Status);
        var userId = user.Json.GetProperty("data").GetProperty("_id").GetString()!;
        await StoreDatabase.UserCopiedAsync(userId);
        var product = Catalogue.Product("Gift card", "Gift cards", "GIFT-0001", "GIFT-0002");
        product["price"] = 150;
        var created = await api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, product);
        Assert.True(created.Status == HttpStatusCode.Created, created.Body);
        var productId = created.Json.GetProperty("data").GetProperty("_id").GetString()!;
        var credited = await api.SendAsync(HttpMethod.Post, "/apis/wallet/transactions", community.Token,
            new { userID = userId, operation = "add", amount = 500, reason = "Season reward" }, new Dictionary<string, string> { ["Idempotency-Key"] = "credit-" + userId });
        Assert.True(credited.Status == HttpStatusCode.Created, credited.Body);

        // Hold the buyer's wallet, so that the purchase stops right after it has taken its key.
        var connectionString = TestServers.PostgresConnectionString("storedb");
        await using var walletHolder = new NpgsqlConnection(connectionString);
        await walletHolder.OpenAsync();
        await using var walletLock = await walletHolder.BeginTransactionAsync();
        await ExecuteAsync(walletHolder, "SELECT 1 FROM wallets WHERE user_id = @u FOR UPDATE", ("u", userId));

        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var key = "killed-purchase-" + traceId;
        var purchase = api.SendAsync(HttpMethod.Post, "/apis/store/purchases", community.Token, new { productID = productId, userID = userId, expectedPrice = 150 },
            new Dictionary<string, string>
            {
                ["traceparent"] = $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01",
                ["Idempotency-Key"] = key,
            });
        await Eventually.Until(() => ServiceDatabases.ScalarAsync("storedb", "SELECT count(*) FROM idempotency_records WHERE key = @k", ("k", key)),
            n => n == 1, Limit, "the purchase to take its key");

        // Hold the outbox: the purchase then writes its voucher, order, history, debit and key's completion, and waits
        // in the last statement before its commit, the insert of its event. Let the wallet go.
        await using var outboxHolder = new NpgsqlConnection(connectionString);
        await outboxHolder.OpenAsync();
        await using var outboxLock = await outboxHolder.BeginTransactionAsync();
        await ExecuteAsync(outboxHolder, "LOCK TABLE outbox_messages IN SHARE MODE");
        await walletLock.RollbackAsync();

        var buyer = await Eventually.Until(() => ServiceDatabases.ScalarAsync("storedb", """
                SELECT coalesce(max(pid), 0) FROM pg_stat_activity
                WHERE datname = 'storedb' AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL AND query LIKE '%INSERT INTO outbox_messages%'
                """), pid => pid != 0, Limit, "the purchase to have written everything and wait to write its event");
        Assert.Equal(PurchaseTables.Length, await ServiceDatabases.ScalarAsync("storedb", """
            SELECT count(DISTINCT relation) FROM pg_locks
            WHERE pid = @p AND mode = 'RowExclusiveLock' AND granted AND relation IN (SELECT unnest(@t::text[])::regclass)
            """, ("p", (int)buyer), ("t", PurchaseTables)));

        var working = await Eventually.Until(
            () => Task.FromResult(Stack.Telemetry.Spans.FirstOrDefault(s => s.TraceId == traceId && s.Service == "store" && s.Scope == "Npgsql")),
            span => span is not null, Limit, "the store instance carrying out the purchase");
        var victim = await ServiceProcesses.KillInstanceAsync(Stack.App, working!.Instance, "ReturningAi.Store");
        try
        {
            await outboxLock.RollbackAsync();
            // Its client gone, the server rolls the transaction back as soon as the statement it waits in ends.
            await Eventually.Until(() => ServiceDatabases.ScalarAsync("storedb", "SELECT count(*) FROM pg_stat_activity WHERE pid = @p", ("p", (int)buyer)),
                n => n == 0, Limit, "the killed instance's session to end");
            var answer = await purchase;
            Assert.True(answer.Status == HttpStatusCode.BadGateway, $"{(int)answer.Status}: {answer.Body}");
            Assert.Equal((0L, 0L, 500L, 1L, 0L), await PurchaseRowsAsync(community.CommunityId, productId, userId));

            // As partners are told: after a 502, send the same purchase with the same key until the answer is definite
            // (409 idempotency_key_in_progress until the dead attempt's key is stale).
            var retrying = System.Diagnostics.Stopwatch.StartNew();
            ApiResponse retried;
            while (true)
            {
                retried = await api.SendAsync(HttpMethod.Post, "/apis/store/purchases", community.Token,
                    new { productID = productId, userID = userId, expectedPrice = 150 }, new Dictionary<string, string> { ["Idempotency-Key"] = key });
                if (retried.Status == HttpStatusCode.Created || retrying.Elapsed > TimeSpan.FromSeconds(180)) break;
                Assert.True(retried.Status == HttpStatusCode.Conflict && retried.ErrorCode() == "idempotency_key_in_progress", $"{(int)retried.Status}: {retried.Body}");
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            Assert.True(retried.Status == HttpStatusCode.Created, $"{(int)retried.Status}: {retried.Body}");
            Assert.Equal((1L, 1L, 350L, 2L, 1L), await PurchaseRowsAsync(community.CommunityId, productId, userId));
        }
        finally
        {
            await ServiceProcesses.RestartAsync(Stack.App, victim);
        }
    }

    /// <summary>Orders, vouchers sold, the balance, ledger entries and purchase events of the community, as committed.</summary>
    private static async Task<(long Orders, long VouchersSold, long Balance, long LedgerEntries, long PurchaseEvents)> PurchaseRowsAsync(
        string communityId, string productId, string userId) =>
        (await ServiceDatabases.ScalarAsync("storedb", "SELECT count(*) FROM redemption_orders WHERE community_id = @c", ("c", communityId)),
         await ServiceDatabases.ScalarAsync("storedb", "SELECT count(*) FROM vouchers WHERE product_id = @p AND order_id IS NOT NULL", ("p", productId)),
         await ServiceDatabases.ScalarAsync("storedb", "SELECT balance::bigint FROM wallets WHERE user_id = @u", ("u", userId)),
         await ServiceDatabases.ScalarAsync("storedb", "SELECT count(*) FROM ledger_entries WHERE user_id = @u", ("u", userId)),
         await ServiceDatabases.ScalarAsync("storedb",
             "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%ItemPurchased%' AND body::text LIKE '%' || @c || '%'", ("c", communityId)));

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
