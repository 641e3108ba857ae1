using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.ClaimCheck;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Products;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Memory;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>
/// Creates whose products come by claim check, as the gateway sends a large one: read from the claim check's database,
/// carried out with every guarantee of a small one, the payload deleted once answered, and the reply's products sent back
/// by claim check as the response's JSON array.
/// </summary>
public sealed class LargeCommandTests : IAsyncLifetime
{
    private const int Codes = LargeImportMemory.LargeVoucherCount;
    private readonly StoreFactory _factory = new();
    private readonly string _community = ObjectIds.New();

    public async Task InitializeAsync() => await _factory.StartWithCategoryAsync(_community, "Cards");

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static ProductInput Product(string name, string prefix, string category = "cards") => new(
        name, "", null, 10, category, 0, false, null, null, UserInformation.Default, false, false,
        ExpiringVoucherHighlight.Default, false, "", [], false, null, [.. Enumerable.Range(0, Codes).Select(i => $"{prefix}-{i:D6}")],
        new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The command as the gateway sends a large one: its products in the claim check, none in the message.</summary>
    private async Task<CreateProducts> CheckedInAsync(IReadOnlyList<ProductInput> products, bool dryRun = false, IdempotencyStamp? stamp = null)
    {
        var data = await _factory.Services.GetRequiredService<MessageDataWriter>()
            .PutJsonAsync(products, SystemTextJsonMessageSerializer.Options, TimeSpan.FromMinutes(2), CancellationToken.None);
        return new CreateProducts(_community, "req-large", [], dryRun) { ProductsData = data, Idempotency = stamp };
    }

    /// <summary>The products of a reply that came back by claim check, read and deleted as the gateway does.</summary>
    private async Task<List<ProductDto>> RepliedProductsAsync(CreateProductsSucceeded reply)
    {
        Assert.Empty(reply.Products);
        Assert.NotNull(reply.ProductsData);
        var json = _factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var products = await _factory.Services.GetRequiredService<MessageDataWriter>().ReadJsonAsync<List<ProductDto>>(reply.ProductsData, json, CancellationToken.None);
        Assert.Equal(reply.CheckedInCount, products.Count);
        Assert.True(await _factory.Services.GetRequiredService<PostgresMessageDataRepository>().DeleteAsync(reply.ProductsData.Address));
        return products;
    }

    // The store deletes a payload right after its reply is out, so a moment after the reply arrives.
    private Task<long> NoPayloadsLeftAsync() =>
        Eventually.Until(() => _factory.MessageDataCountAsync(), n => n == 0, TimeSpan.FromSeconds(30), "the store to delete the payload it consumed");

    private Task<Response<CreateProductsSucceeded, CommandRejected>> SendAsync(CreateProducts command) =>
        _factory.CommandClient().GetResponse<CreateProductsSucceeded, CommandRejected>(command, timeout: RequestTimeout.After(s: 60));

    [Fact]
    public async Task A_large_create_by_claim_check_writes_all_its_vouchers_answers_with_its_products_and_deletes_its_payload()
    {
        var command = await CheckedInAsync([Product("Large", "L")]);
        Assert.Equal(1, await _factory.MessageDataCountAsync());

        var reply = await SendAsync(command);

        Assert.True(reply.Is(out Response<CreateProductsSucceeded>? created));
        Assert.Equal("Large", Assert.Single(await RepliedProductsAsync(created!.Message)).Name);
        Assert.Equal(Codes, await _factory.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c", _community));
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task A_large_create_sent_again_with_its_idempotency_key_is_answered_from_the_first_and_creates_nothing_twice()
    {
        var stamp = new IdempotencyStamp("large-key", System.Security.Cryptography.SHA256.HashData("the large body"u8));

        var first = await SendAsync(await CheckedInAsync([Product("Once", "O")], stamp: stamp));
        var again = await SendAsync(await CheckedInAsync([Product("Once", "O")], stamp: stamp));

        Assert.True(first.Is(out Response<CreateProductsSucceeded>? a));
        Assert.True(again.Is(out Response<CreateProductsSucceeded>? b));
        Assert.Equal((await RepliedProductsAsync(a!.Message))[0].Id, (await RepliedProductsAsync(b!.Message))[0].Id);
        Assert.Equal(1, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
        Assert.Equal(Codes, await _factory.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c", _community));
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task A_large_dry_run_answers_what_it_would_create_writes_nothing_and_deletes_its_payload()
    {
        var reply = await SendAsync(await CheckedInAsync([Product("Maybe", "M"), Product("Maybe too", "N")], dryRun: true));

        Assert.True(reply.Is(out Response<CreateProductsSucceeded>? ok));
        Assert.True(ok!.Message.DryRun);
        var products = await RepliedProductsAsync(ok.Message);
        Assert.Equal(2, products.Count);
        Assert.All(products, p => Assert.Null(p.Id));
        Assert.Equal(0, await _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community));
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task A_large_create_naming_an_unknown_category_is_refused_at_its_item_writes_nothing_and_deletes_its_payload()
    {
        var reply = await SendAsync(await CheckedInAsync([Product("Good", "G"), Product("Lost", "X", category: "Nope")]));

        Assert.True(reply.Is(out Response<CommandRejected>? rejected));
        Assert.Equal(400, rejected!.Message.StatusCode);
        var error = Assert.Single(rejected.Message.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal(0, await _factory.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c", _community));
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task A_payload_whose_command_never_came_is_swept_by_the_store_once_expired()
    {
        var repository = _factory.Services.GetRequiredService<PostgresMessageDataRepository>();
        await repository.Put(new MemoryStream([1, 2, 3]), TimeSpan.FromSeconds(1));
        var kept = await repository.Put(new MemoryStream([4]), TimeSpan.FromMinutes(5));

        await Eventually.Until(() => _factory.MessageDataCountAsync(), n => n == 1, TimeSpan.FromSeconds(30), "the sweep to delete the expired payload");

        await using var left = await repository.Get(kept);
        Assert.Equal(4, left.ReadByte());
    }
}
