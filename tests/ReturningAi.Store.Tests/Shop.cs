using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Consumers;
using ReturningAi.Store.Infrastructure;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>
/// A community's store set up for purchases: users as Community's user events leave them in the store's copy,
/// a category, products with vouchers, points in wallets.
/// </summary>
internal sealed class Shop(StoreFactory factory, HttpClient client)
{
    public StoreApi Api { get; } = new(factory, client);

    public string CommunityId => Api.CommunityId;

    /// <summary>
    /// A user as Community's USER_CREATED leaves it in the store: the store's own consumer code
    /// (<see cref="UserCopies"/>) applies the event, so the rows are the ones a real user event writes.
    /// </summary>
    public async Task<string> UserAsync(string username, string status = "active", string[]? roleIds = null, string[]? tagIds = null)
    {
        var id = ObjectIds.New();
        await using var scope = factory.Services.CreateAsyncScope();
        await UserCopies.ApplyAsync(scope.ServiceProvider.GetRequiredService<StoreDbContext>(), new UserCreated
        {
            CommunityId = CommunityId, UserId = id, Username = username, Email = $"{username}@example.com", DisplayName = username,
            Status = status, Roles = [.. (roleIds ?? []).Select(r => new LabelRefDto(r, r))], Tags = [.. (tagIds ?? []).Select(t => new LabelRefDto(t, t))],
            JoinedAt = DateTimeOffset.UtcNow, Version = 1, OccurredAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        return id;
    }

    public async Task<string> ProductAsync(string name, decimal price, int vouchers, object? extra = null, DateTimeOffset? expires = null)
    {
        if (!_categoryMade)
        {
            await Api.SendAsync(HttpMethod.Post, "/categories", new { name = "Cards" });
            _categoryMade = true;
        }

        var body = JsonSerializer.SerializeToNode(new
        {
            name, price, categoryName = "Cards",
            vouchers = Enumerable.Range(1, vouchers).Select(i => $"{name}-{i:D5}").ToArray(),
            voucherExpireDate = (expires ?? new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToString("O"),
        })!.AsObject();
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject()) body[key] = value?.DeepClone();
        }

        var created = await Api.SendAsync(HttpMethod.Post, "/products", body);
        Assert.True(created.Status == HttpStatusCode.Created, created.Json.ToString());
        return created.Json.GetProperty("data").GetProperty("_id").GetString()!;
    }

    public async Task CreditAsync(string userId, decimal amount)
    {
        var credited = await Api.SendAsync(HttpMethod.Post, "/wallet/transactions",
            new { userID = userId, operation = "credit", amount, reason = "Test points" }, idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(credited.Status == HttpStatusCode.Created, credited.Json.ToString());
    }

    public Task<(HttpStatusCode Status, JsonElement Json)> BuyAsync(string userId, string productId, string? key = null, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(new { productID = productId, userID = userId })!.AsObject();
        if (extra is not null)
        {
            foreach (var (k, value) in JsonSerializer.SerializeToNode(extra)!.AsObject()) body[k] = value?.DeepClone();
        }

        return Api.SendAsync(HttpMethod.Post, "/store/purchases", body, idempotencyKey: key ?? Guid.NewGuid().ToString());
    }

    public async Task<decimal> BalanceAsync(string userId)
    {
        var wallet = await Api.SendAsync(HttpMethod.Get, $"/wallet?userID={userId}");
        Assert.Equal(HttpStatusCode.OK, wallet.Status);
        return wallet.Json.GetProperty("data").GetProperty("balance").GetDecimal();
    }

    public async Task<int> StocksAsync(string productId) =>
        (await Api.SendAsync(HttpMethod.Get, $"/products/{productId}")).Json.GetProperty("data").GetProperty("stocks").GetInt32();

    public async Task<int> TotalOrdersAsync(string productId) =>
        (await Api.SendAsync(HttpMethod.Get, $"/products/{productId}")).Json.GetProperty("data").GetProperty("totalOrders").GetInt32();

    /// <summary>The product's permission entries as the store keeps them (ids), written directly.</summary>
    public Task SetAccessAsync(string productId, bool enabled, string entriesJson) =>
        ExecuteAsync("UPDATE products SET is_product_access_enabled = @on, product_permission = @p::jsonb WHERE id = @id",
            ("on", enabled), ("p", entriesJson), ("id", productId));

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(factory.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("c", CommunityId);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private bool _categoryMade;
}
