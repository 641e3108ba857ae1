using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReturningAi.Contracts.Jobs;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;

namespace ReturningAi.Jobs.Tests;

/// <summary>Products jobs in the Jobs service: the upload's checks, the one command to the Store, the rows by product, the errors file.</summary>
public sealed partial class JobsIntegrationTests
{
    private const string ProductsCsv = "Name,Price,Category Name,Roles,Permission Type\n"
        + "Alpha,10,Cards,,\n"
        + "Beta,abc,Cards,,\n"
        + "bad one,5,Cards,VIP,role\n"
        + ",,,Beta testers,role\n"
        + "Delta,3,Cards,,\n";

    private static StringContent ProductsJson(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, JsonElement Body, Uri? Location)> UploadProductsAsync(string community, string query, HttpContent content)
    {
        using var response = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Post, "/products/bulk" + query, community, "store", content));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.Location);
    }

    [Fact]
    public async Task A_products_csv_job_sends_one_command_records_a_row_per_product_and_its_errors_file_holds_failed_products_whole()
    {
        var community = ObjectIds.New();
        var (status, body, location) = await UploadProductsAsync(community, "?async=true&onError=skip", JobsFactory.Csv(ProductsCsv));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bulk create products process is queued.", body.GetProperty("message").GetString());
        var data = body.GetProperty("data");
        var jobId = data.GetProperty("_id").GetString()!;
        Assert.Equal(("products", "queued", 4, "skip"), (data.GetProperty("type").GetString(), data.GetProperty("state").GetString(),
            data.GetProperty("rows").GetProperty("total").GetInt32(), data.GetProperty("options").GetProperty("onError").GetString()));
        Assert.Equal($"/apis/bulk/jobs/{jobId}", location?.ToString());

        var job = await FinishedAsync(community, jobId);
        Assert.Equal("partially_succeeded", job.GetProperty("state").GetString());
        Assert.Equal("""{"total":4,"processed":4,"succeeded":2,"failed":2}""", job.GetProperty("rows").GetRawText());
        var command = Assert.Single(fixture.Owner.ProductJobs, c => c.JobId == jobId);
        Assert.Equal((community, "skip"), (command.CommunityId, command.OnError));
        Assert.Equal(["Alpha", "Beta", "bad one", "Delta"], command.Products.Select(p => p.Name));
        Assert.Contains(1, command.Refused);
        Assert.DoesNotContain(0, command.Refused);
        Assert.Equal(2, command.Products[2].ProductPermission.Count); // its own row and the continuation row

        using var details = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, $"/bulk/jobs/{jobId}/details", community, "store"));
        var items = (await details.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([(2, "created"), (3, "failed"), (4, "failed"), (6, "created")], items.Select(d => (d.GetProperty("row").GetInt32(), d.GetProperty("status").GetString())));
        Assert.All(items, d => Assert.False(d.TryGetProperty("index", out _)));
        Assert.Equal("6750c9f014a3e564c5c09d00", items[0].GetProperty("result").GetProperty("productID").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("result").ValueKind);
        var priceError = items[1].GetProperty("errors")[0];
        Assert.Equal((3, "Price"), (priceError.GetProperty("row").GetInt32(), priceError.GetProperty("column").GetString()));
        var nameError = Assert.Single(items[2].GetProperty("errors").EnumerateArray());
        Assert.Equal(("invalid_name", 4, "Name", "[2].name"), (nameError.GetProperty("code").GetString(), nameError.GetProperty("row").GetInt32(),
            nameError.GetProperty("column").GetString(), nameError.GetProperty("field").GetString()));

        using var errors = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, $"/bulk/jobs/{jobId}/errors.csv", community, "store"));
        var lines = (await errors.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(5, lines.Length);
        Assert.Equal("Name,Price,Category Name,Roles,Permission Type,error", lines[0]);
        Assert.StartsWith("Beta,abc,Cards,,,Price: ", lines[1], StringComparison.Ordinal);
        Assert.Equal(["bad one,5,Cards,VIP,role,Name: A bad name.", ",,,Beta testers,role,", ""], lines[2..]);

        // The errors file goes back in as it is: its error column is ignored.
        var (again, againBody, _) = await UploadProductsAsync(community, "?async=true", JobsFactory.Csv(string.Join("\r\n", lines)));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(2, againBody.GetProperty("data").GetProperty("rows").GetProperty("total").GetInt32());
        var second = await FinishedAsync(community, againBody.GetProperty("data").GetProperty("_id").GetString()!);
        Assert.Equal("abort", second.GetProperty("options").GetProperty("onError").GetString());
    }

    [Fact]
    public async Task A_products_json_job_keys_its_details_by_index_and_has_no_errors_file()
    {
        var community = ObjectIds.New();
        var (status, body, _) = await UploadProductsAsync(community, "?async=true", ProductsJson("""
            [{"name": "Alpha", "price": 1, "categoryName": "Cards", "vouchers": [], "voucherExpireDate": null},
             {"name": "bad", "price": 1, "categoryName": "Cards", "vouchers": [], "voucherExpireDate": null},
             {"name": "Gamma", "price": "one", "categoryName": "Cards", "vouchers": [], "voucherExpireDate": null}]
            """));
        Assert.Equal(HttpStatusCode.OK, status);
        var jobId = body.GetProperty("data").GetProperty("_id").GetString()!;
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("fileName").ValueKind);

        var job = await FinishedAsync(community, jobId);
        Assert.Equal("abort", job.GetProperty("options").GetProperty("onError").GetString());
        Assert.Equal([2], Assert.Single(fixture.Owner.ProductJobs, c => c.JobId == jobId).Refused);

        using var details = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, $"/bulk/jobs/{jobId}/details?status=failed", community, "store"));
        var items = (await details.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([1, 2], items.Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(items, d => Assert.False(d.TryGetProperty("row", out _)));
        var priceError = Assert.Single(items[1].GetProperty("errors").EnumerateArray());
        Assert.Equal(("[2].price", 2), (priceError.GetProperty("field").GetString(), priceError.GetProperty("index").GetInt32()));

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/bulk/jobs/{jobId}/errors.csv", community, "store"));
    }

    [Fact]
    public async Task Products_uploads_with_unsupported_options_or_file_level_problems_are_refused_before_any_job()
    {
        var community = ObjectIds.New();
        const string One = """[{"name": "A", "price": 1, "categoryName": "Cards", "vouchers": []}]""";

        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_option"), await ProductRefusalAsync(community, "?async=false", ProductsJson(One)));
        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_option"), await ProductRefusalAsync(community, "?async=true&onError=continue", ProductsJson(One)));
        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_option"), await ProductRefusalAsync(community, "?async=true&dryRun=true", ProductsJson(One)));
        Assert.Equal((HttpStatusCode.BadRequest, "object_wrapper"), await ProductRefusalAsync(community, "?async=true", ProductsJson($$"""{"products": {{One}}}""")));
        Assert.Equal((HttpStatusCode.BadRequest, "empty"), await ProductRefusalAsync(community, "?async=true", ProductsJson("[]")));
        var tooMany = "[" + string.Join(",", Enumerable.Repeat(One[1..^1], 101)) + "]";
        Assert.Equal((HttpStatusCode.BadRequest, "too_many_products"), await ProductRefusalAsync(community, "?async=true", ProductsJson(tooMany)));
        Assert.Equal((HttpStatusCode.BadRequest, "unknown_column"), await ProductRefusalAsync(community, "?async=true", JobsFactory.Csv("Name,Colour\nA,red\n")));
        Assert.Equal((HttpStatusCode.BadRequest, "continuation_without_product"),
            await ProductRefusalAsync(community, "?async=true", JobsFactory.Csv("Name,Roles\n,VIP\nA,\n")));
        Assert.Equal((HttpStatusCode.BadRequest, "missing_file"), await ProductRefusalAsync(community, "?async=true", JobsFactory.Csv("Name\nA\n", field: "other")));
        Assert.Equal(0, await Factory.ScalarAsync("SELECT count(*) FROM jobs WHERE community_id = @c", ("c", community)));
    }

    [Fact]
    public async Task A_products_job_whose_worker_died_is_taken_over_and_sends_its_command_only_if_no_result_was_recorded()
    {
        var community = ObjectIds.New();
        var (unrecorded, recorded) = (ObjectIds.New(), ObjectIds.New());
        const string File = "Name,Price,Category Name\nAlpha,1,Cards\nBeta,2,Cards\n";
        await InsertJobAsync(unrecorded, community, "products", "running", total: 2, file: File);
        var other = ObjectIds.New();
        await InsertJobAsync(recorded, other, "products", "running", total: 2, file: File, recordedRows: [2, 3]);

        var first = await FinishedAsync(community, unrecorded);
        var second = await FinishedAsync(other, recorded);

        Assert.Equal(("succeeded", """{"total":2,"processed":2,"succeeded":2,"failed":0}"""), (first.GetProperty("state").GetString(), first.GetProperty("rows").GetRawText()));
        var command = Assert.Single(fixture.Owner.ProductJobs, c => c.JobId == unrecorded);
        Assert.Equal("abort", command.OnError);
        Assert.Equal(["Alpha", "Beta"], command.Products.Select(p => p.Name));
        Assert.Equal(2, await Factory.ScalarAsync("SELECT count(*) FROM job_rows WHERE job_id = @j", ("j", unrecorded)));
        Assert.Equal("succeeded", second.GetProperty("state").GetString());
        Assert.DoesNotContain(fixture.Owner.ProductJobs, c => c.JobId == recorded);
        Assert.Equal(1, await Factory.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = @s AND message_type LIKE '%JobCompleted%'", ("s", $"job:{recorded}")));
    }

    private async Task<(HttpStatusCode, string)> ProductRefusalAsync(string community, string query, HttpContent content)
    {
        var (status, body, _) = await UploadProductsAsync(community, query, content);
        Assert.Equal("error", body.GetProperty("meta").GetProperty("status").GetString());
        return (status, body.GetProperty("errors")[0].GetProperty("code").GetString()!);
    }
}
