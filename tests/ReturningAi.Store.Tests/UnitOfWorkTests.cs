using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Products;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>
/// An idempotency key completes in the transaction of the data it stands for, on the HTTP routes and on
/// the bus, and a bus command is carried out once per message id.
/// </summary>
public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StoreFactory _factory = new();
    private readonly string _community = ObjectIds.New();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.StartWithCategoryAsync(_community, "Cards");

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private HttpRequestMessage Keyed(HttpMethod method, string path, object body, string key)
    {
        var request = StoreFactory.FromGateway(method, path, _community, body);
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<string> CreateProductAsync(string name)
    {
        using var create = StoreFactory.FromGateway(HttpMethod.Post, "/products", _community,
            new { name, price = 5, categoryName = "Cards", vouchers = Array.Empty<string>() });
        using var response = await _client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data").GetProperty("_id").GetString()!;
    }

    private Task RefuseCommitOfKeyAsync(string key) => CommitRefusal.RefuseAsync(_factory.Database, key);

    private Task AllowCommitOfKeyAsync(string key) => CommitRefusal.AllowAsync(_factory.Database, key);

    private Task<long> WaitForKeyToBeLetGoAsync(string key) =>
        Eventually.Until(() => _factory.ScalarAsync($"SELECT count(*) FROM idempotency_records WHERE key = '{key}'", _community),
            n => n == 0, Patience, "the key to be let go");

    [Fact]
    public async Task A_keyed_POST_whose_commit_fails_leaves_neither_its_data_nor_its_key_in_progress()
    {
        await RefuseCommitOfKeyAsync("doomed");
        using (var doomed = Keyed(HttpMethod.Post, "/categories", new { name = "Doomed" }, "doomed"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await _client.SendAsync(doomed)).StatusCode);
        }

        Assert.Equal(0, await _factory.ScalarAsync("SELECT count(*) FROM categories WHERE community_id = @c AND name = 'Doomed'", _community));
        await WaitForKeyToBeLetGoAsync("doomed");

        await AllowCommitOfKeyAsync("doomed");
        using var retry = Keyed(HttpMethod.Post, "/categories", new { name = "Doomed" }, "doomed");
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(retry)).StatusCode);
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM categories WHERE community_id = @c AND name = 'Doomed'", _community));
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM idempotency_records WHERE key = 'doomed' AND completed", _community));
    }

    [Fact]
    public async Task A_keyed_single_create_commits_its_product_its_event_and_its_key_together_or_none_of_them()
    {
        var body = new { name = "Keyed product", price = 1, categoryName = "Cards", vouchers = new[] { "K-1" }, voucherExpireDate = "2030-01-01T00:00:00Z" };
        await RefuseCommitOfKeyAsync("keyed_product");
        using (var doomed = Keyed(HttpMethod.Post, "/products", body, "keyed_product"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await _client.SendAsync(doomed)).StatusCode);
        }

        Assert.Equal(0, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
        Assert.Equal(0, await _factory.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = 'community:' || @c", _community));
        await WaitForKeyToBeLetGoAsync("keyed_product");

        await AllowCommitOfKeyAsync("keyed_product");
        using var retry = Keyed(HttpMethod.Post, "/products", body, "keyed_product");
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(retry)).StatusCode);
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = 'community:' || @c", _community));
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM idempotency_records WHERE key = 'keyed_product' AND completed", _community));
    }

    [Fact]
    public async Task A_keyed_bulk_update_over_the_bus_completes_its_key_with_the_update_or_not_at_all()
    {
        var productId = await CreateProductAsync("Before");
        var command = new UpdateProducts(_community, "req-update", [new ProductFieldsUpdate(productId, """{"name": "After"}""")])
        {
            Idempotency = new IdempotencyStamp("bulk_update", SHA256.HashData("PUT /apis/products/bulk"u8)),
        };

        await RefuseCommitOfKeyAsync("bulk_update");
        await Assert.ThrowsAsync<RequestFaultException>(() => UpdateClient().GetResponse<UpdateProductsSucceeded, CommandRejected>(command,
            timeout: RequestTimeout.After(s: 30)));
        Assert.Equal(0, await _factory.ScalarAsync($"SELECT count(*) FROM products WHERE id = '{productId}' AND name = 'After'", _community));
        await WaitForKeyToBeLetGoAsync("bulk_update");

        await AllowCommitOfKeyAsync("bulk_update");
        var reply = await UpdateClient().GetResponse<UpdateProductsSucceeded, CommandRejected>(command, timeout: RequestTimeout.After(s: 30));
        Assert.True(reply.Is(out Response<UpdateProductsSucceeded>? updated));
        Assert.Equal("After", updated!.Message.Products[0].Name);
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM idempotency_records WHERE key = 'bulk_update' AND completed", _community));
    }

    [Fact]
    public async Task A_redelivered_bulk_update_appends_nothing_twice_and_gets_the_same_reply()
    {
        var productId = await CreateProductAsync("Appended");
        var command = new UpdateProducts(_community, "req-append", [new ProductFieldsUpdate(productId,
            """{"vouchers": ["A-1", "A-2"], "voucherExpireDate": "2030-01-01T00:00:00Z"}""")]);
        var messageId = NewId.NextGuid();

        var replies = new List<Response<UpdateProductsSucceeded, CommandRejected>>();
        for (var delivery = 0; delivery < 2; delivery++)
        {
            replies.Add(await UpdateClient().GetResponse<UpdateProductsSucceeded, CommandRejected>(command,
                x => x.UseExecute(context => context.MessageId = messageId), timeout: RequestTimeout.After(s: 30)));
        }

        Assert.All(replies, r => Assert.True(r.Is(out Response<UpdateProductsSucceeded>? ok) && ok.Message.Products[0].Stocks == 2));
        Assert.Equal(2, await _factory.ScalarAsync($"SELECT count(*) FROM vouchers WHERE product_id = '{productId}'", _community));
    }

    private IRequestClient<UpdateProducts> UpdateClient() =>
        _factory.Services.GetRequiredService<IClientFactory>().CreateRequestClient<UpdateProducts>(new Uri($"queue:{UpdateProducts.EntityName}"));
}
