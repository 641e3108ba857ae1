using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Contracts.Products;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Store.Tests;

/// <summary>
/// The Store's side of a products job (events-and-jobs.md section 3), sent over the real broker as the Jobs service sends it:
/// abort creates nothing when a product fails, skip creates only the valid ones (products sharing a duplicated code all fail),
/// PRODUCTS_CREATED lists only those with the job's id, and the command sent again answers its recorded results.
/// </summary>
public sealed class ProductJobTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private async Task<StoreApi> CommunityWithCategoryAsync()
    {
        var api = new StoreApi(_factory, _client);
        await api.SendAsync(HttpMethod.Post, "/categories", new { name = "Cards" });
        return api;
    }

    private static IReadOnlyList<ProductInput> Products(params (string Name, decimal Price, string Category, string[] Codes)[] products)
    {
        var json = JsonSerializer.Serialize(products.Select(p => new
        {
            name = p.Name, price = p.Price, categoryName = p.Category, vouchers = p.Codes,
            voucherExpireDate = p.Codes.Length == 0 ? null : "2030-01-01T00:00:00.000Z",
        }));
        using var document = JsonDocument.Parse(json);
        var read = ProductJsonReader.ReadBulk(document.RootElement);
        Assert.Equal(products.Length, read.Products.Count);
        return read.Products;
    }

    private async Task<IReadOnlyList<JobRowResult>> SendAsync(ApplyProductJob command)
    {
        var client = _factory.Services.GetRequiredService<IClientFactory>()
            .CreateRequestClient<ApplyProductJob>(new Uri($"queue:{ApplyProductJob.EntityName}"), RequestTimeout.After(s: 60));
        return (await client.GetResponse<JobRowsApplied>(command)).Message.Results;
    }

    private static Task<long> CountProductsAsync(StoreApi api) => api.ScalarAsync("SELECT count(*) FROM products WHERE community_id = @c");

    private Task<long> CountEventsAsync(StoreApi api) =>
        _factory.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = 'community:' || @c AND message_type LIKE '%.ProductsCreated,%'", api.CommunityId);

    [Fact]
    public async Task Abort_creates_nothing_when_one_product_fails_and_marks_the_valid_ones_not_applied()
    {
        var api = await CommunityWithCategoryAsync();
        var jobId = ObjectIds.New();

        var results = await SendAsync(new ApplyProductJob(jobId, api.CommunityId, null, ProductJobPolicies.Abort,
            Products(("Alpha", 5, "Cards", ["A-1"]), ("Beta", -1, "Cards", []), ("Gamma", 5, "No such category", [])), []));

        Assert.Equal([0, 1, 2], results.Select(r => r.Row));
        Assert.Equal(["not_applied", "failed", "failed"], results.Select(r => r.Status));
        Assert.Equal(("[1].price", 1), (results[1].Errors.Single().Field, results[1].Errors.Single().Index));
        Assert.Equal("[2].categoryName", results[2].Errors.Single().Field);
        Assert.Empty(results[0].Errors);
        Assert.All(results, r => Assert.Null(r.ProductId));
        Assert.Equal(0, await CountProductsAsync(api));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c"));
        Assert.Equal(0, await CountEventsAsync(api));
        Assert.Equal(3, await api.ScalarAsync($"SELECT count(*) FROM bulk_row_markers WHERE job_id = '{jobId}'"));
    }

    [Fact]
    public async Task Skip_creates_only_the_valid_products_in_one_event_with_the_job_id_and_every_product_sharing_a_duplicated_code_fails()
    {
        var api = await CommunityWithCategoryAsync();
        var jobId = ObjectIds.New();

        var results = await SendAsync(new ApplyProductJob(jobId, api.CommunityId, null, ProductJobPolicies.Skip,
            Products(("Alpha", 5, "Cards", ["A-1", "A-2"]), ("Beta", 5, "Cards", ["DUP"]), ("Gamma", 5, "Nowhere", []), ("Delta", 5, "Cards", ["DUP", "D-1"]),
                ("Epsilon", 5, "Cards", []), ("Zeta", 5, "Cards", ["Z-1"])),
            Refused: [5]));

        Assert.Equal(["created", "failed", "failed", "failed", "created", "failed"], results.Select(r => r.Status));
        Assert.Equal(["duplicate_voucher"], results[1].Errors.Select(e => e.Code));
        Assert.Equal(["duplicate_voucher"], results[3].Errors.Select(e => e.Code));
        Assert.Empty(results[5].Errors); // refused by the Jobs service's reader, which reports its own errors
        Assert.Equal(2, await CountProductsAsync(api));
        Assert.Equal(2, await api.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c"));
        var created = results.Where(r => r.Status == "created").Select(r => r.ProductId!).ToList();
        foreach (var id in created) Assert.Equal(id, (await api.SendAsync(HttpMethod.Get, $"/products/{id}")).Json.GetProperty("data").GetProperty("_id").GetString());

        Assert.Equal(1, await CountEventsAsync(api));
        using var body = JsonDocument.Parse(await _factory.TextAsync(
            "SELECT body FROM outbox_messages WHERE source = 'community:' || @c AND message_type LIKE '%.ProductsCreated,%'", api.CommunityId));
        var message = body.RootElement;
        Assert.Equal(jobId, message.GetProperty("jobId").GetString());
        Assert.Equal(created, message.GetProperty("productIds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["Alpha", "Epsilon"], message.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_command_sent_again_answers_its_recorded_results_and_creates_nothing_twice()
    {
        var api = await CommunityWithCategoryAsync();
        var command = new ApplyProductJob(ObjectIds.New(), api.CommunityId, null, ProductJobPolicies.Skip,
            Products(("Alpha", 5, "Cards", ["R-1"]), ("Beta", -2, "Cards", [])), []);

        var first = await SendAsync(command);
        var again = await Task.WhenAll(SendAsync(command), SendAsync(command));

        Assert.Equal(["created", "failed"], first.Select(r => r.Status));
        Assert.All(again, results => Assert.Equal(first.Select(r => (r.Row, r.Status, r.ProductId, r.Errors.Count)),
            results.Select(r => (r.Row, r.Status, r.ProductId, r.Errors.Count))));
        Assert.Equal(1, await CountProductsAsync(api));
        Assert.Equal(1, await CountEventsAsync(api));
    }
}
