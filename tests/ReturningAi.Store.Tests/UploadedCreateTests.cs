using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReturningAi.ClaimCheck;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Products;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>
/// Creates whose body the gateway streamed unparsed into the claim check, as it does for a large request: the store reads
/// the CSV or JSON with the gateway's readers, refuses a bad one with every problem located (row and column, or index) and
/// without taking its <c>Idempotency-Key</c>, and otherwise creates from it with every guarantee of a parsed command.
/// </summary>
public sealed class UploadedCreateTests : IAsyncLifetime
{
    private readonly StoreFactory _factory = new();
    private readonly string _community = ObjectIds.New();

    public async Task InitializeAsync() => await _factory.StartWithCategoryAsync(_community, "Cards");

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<Response<CreateProductsSucceeded, CommandRejected>> SendAsync(
        UploadedBodyFormat format, string body, bool dryRun = false, IdempotencyStamp? stamp = null)
    {
        var repository = _factory.Services.GetRequiredService<PostgresMessageDataRepository>();
        var address = await repository.Put(new MemoryStream(Encoding.UTF8.GetBytes(body)), TimeSpan.FromMinutes(2));
        var command = new CreateProducts(_community, "req-upload", [], dryRun)
        {
            UploadData = new MassTransit.MessageData.Values.StoredMessageData<Stream>(address, Stream.Null),
            UploadFormat = format,
            Idempotency = stamp,
        };
        return await _factory.CommandClient().GetResponse<CreateProductsSucceeded, CommandRejected>(command, timeout: RequestTimeout.After(s: 60));
    }

    private async Task<List<ProductDto>> RepliedProductsAsync(CreateProductsSucceeded reply)
    {
        Assert.NotNull(reply.ProductsData);
        var json = _factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var products = await _factory.Services.GetRequiredService<MessageDataWriter>().ReadJsonAsync<List<ProductDto>>(reply.ProductsData, json, CancellationToken.None);
        await _factory.Services.GetRequiredService<PostgresMessageDataRepository>().DeleteAsync(reply.ProductsData.Address);
        return products;
    }

    private Task<long> NoPayloadsLeftAsync() =>
        Eventually.Until(() => _factory.MessageDataCountAsync(), n => n == 0, TimeSpan.FromSeconds(30), "the store to delete the upload it consumed");

    private Task<long> ProductCountAsync() => _factory.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c", _community);

    private static string Csv(int codes) =>
        "Name,Price,Category Name,Vouchers,Voucher Expire Date\n"
        + $"Gift,10,Cards,\"{string.Join(',', Enumerable.Range(0, codes).Select(i => $"G-{i:D6}"))}\",2030-01-01T00:00:00Z\n"
        + "Plain,5,Cards,,\n";

    [Fact]
    public async Task A_csv_upload_is_read_by_the_store_and_created_with_its_vouchers_answered_by_claim_check_and_deleted()
    {
        var reply = await SendAsync(UploadedBodyFormat.Csv, Csv(1_000));

        Assert.True(reply.Is(out Response<CreateProductsSucceeded>? created));
        Assert.Equal(["Gift", "Plain"], (await RepliedProductsAsync(created!.Message)).Select(p => p.Name));
        Assert.Equal(1_000, await _factory.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c", _community));
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task A_csv_upload_with_a_bad_value_and_an_unknown_category_is_refused_with_both_at_their_row_and_column_and_writes_nothing()
    {
        var reply = await SendAsync(UploadedBodyFormat.Csv, "Name,Price,Category Name\nGood,1,Cards\nLost,2,Nope\nBad,abc,Cards\n");

        Assert.True(reply.Is(out Response<CommandRejected>? rejected));
        Assert.Equal(400, rejected!.Message.StatusCode);
        Assert.Equal("The request is invalid.", rejected.Message.Message);
        Assert.Equal([(3, "Category Name"), (4, "Price")], rejected.Message.Errors.Select(e => (e.Row ?? 0, e.Column ?? "")).OrderBy(e => e.Item1));
        Assert.All(rejected.Message.Errors, e => Assert.Null(e.Index));
        Assert.Equal(0, await ProductCountAsync());
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task A_json_upload_with_a_bad_item_is_refused_at_its_index_and_field()
    {
        var reply = await SendAsync(UploadedBodyFormat.Json,
            """[{"name":"A","price":1,"categoryName":"Cards","vouchers":[]},{"name":"B","price":-1,"categoryName":"Cards","vouchers":[]}]""");

        Assert.True(reply.Is(out Response<CommandRejected>? rejected));
        var error = Assert.Single(rejected!.Message.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal("[1].price", error.Field);
        Assert.Equal(0, await ProductCountAsync());
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task A_json_upload_that_is_not_json_is_refused_as_the_gateway_refuses_it()
    {
        var reply = await SendAsync(UploadedBodyFormat.Json, "[{\"name\":");

        Assert.True(reply.Is(out Response<CommandRejected>? rejected));
        var error = Assert.Single(rejected!.Message.Errors);
        Assert.Equal("malformed_json", error.Code);
        Assert.Equal(error.Message, rejected.Message.Message);
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task A_dry_run_upload_answers_what_it_would_create_and_writes_nothing()
    {
        var reply = await SendAsync(UploadedBodyFormat.Json, """[{"name":"A","price":1,"categoryName":"Cards","vouchers":[]}]""", dryRun: true);

        Assert.True(reply.Is(out Response<CreateProductsSucceeded>? ok));
        Assert.True(ok!.Message.DryRun);
        Assert.Null(Assert.Single(await RepliedProductsAsync(ok.Message)).Id);
        Assert.Equal(0, await ProductCountAsync());
        await NoPayloadsLeftAsync();
    }

    [Fact]
    public async Task An_upload_sent_again_with_its_key_is_answered_from_the_first_and_a_refused_one_leaves_the_key_free()
    {
        var refused = await SendAsync(UploadedBodyFormat.Csv, "Name,Price,Category Name\nBad,abc,Cards\n",
            stamp: new IdempotencyStamp("upload-key", SHA256.HashData("the bad body"u8)));
        Assert.True(refused.Is(out Response<CommandRejected>? _));

        var stamp = new IdempotencyStamp("upload-key", SHA256.HashData("the good body"u8));
        var first = await SendAsync(UploadedBodyFormat.Csv, Csv(10), stamp: stamp);
        var again = await SendAsync(UploadedBodyFormat.Csv, Csv(10), stamp: stamp);

        Assert.True(first.Is(out Response<CreateProductsSucceeded>? a));
        Assert.True(again.Is(out Response<CreateProductsSucceeded>? b));
        Assert.Equal((await RepliedProductsAsync(a!.Message)).Select(p => p.Id), (await RepliedProductsAsync(b!.Message)).Select(p => p.Id));
        Assert.Equal(2, await ProductCountAsync());
        Assert.Equal(10, await _factory.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c", _community));
        await NoPayloadsLeftAsync();
    }
}
