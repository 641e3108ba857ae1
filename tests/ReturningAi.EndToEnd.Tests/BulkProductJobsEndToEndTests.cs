using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// Products jobs through the gateway (<c>POST /apis/products/bulk?async=true</c>, events-and-jobs.md section 3; section 4,
/// invariant 14): an aborted job creates nothing, skip creates only the valid products and <c>store.products_created</c>
/// lists only them, with the job's id.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BulkProductJobsEndToEndTests(StackFixture stack) : IAsyncLifetime
{
    private static readonly TimeSpan JobLimit = TimeSpan.FromSeconds(120);

    private WebhookReceiver _receiver = null!;

    private PartnerApi Api => stack.Api;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task An_aborted_job_creates_nothing_and_skip_creates_and_announces_only_the_valid_products()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var token = community.Token;
        var path = WebhookReceiver.NewPath();
        var endpoint = await Api.SendAsync(HttpMethod.Post, "/apis/webhooks/endpoints", token, new { url = _receiver.Url(path), events = new[] { "store.products_created" } });
        Assert.Equal(HttpStatusCode.Created, endpoint.Status);

        var invalid = Catalogue.Product("Abort Two");
        invalid["price"] = -1;
        var aborted = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk?async=true", token,
            PartnerApi.RawJson(new JsonArray(Catalogue.Product("Abort One", vouchers: "AB-1"), invalid).ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, aborted.Status);
        var abortedJob = await FinishedAsync(token, aborted.Json.GetProperty("data").GetProperty("_id").GetString()!);
        Assert.Equal("failed", abortedJob.GetProperty("state").GetString());
        Assert.Equal("""{"total":2,"processed":2,"succeeded":0,"failed":1}""", abortedJob.GetProperty("rows").GetRawText());
        var abortedDetails = (await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{abortedJob.GetProperty("_id").GetString()}/details", token))
            .Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([(0, "not_applied"), (1, "failed")], abortedDetails.Select(d => (d.GetProperty("index").GetInt32(), d.GetProperty("status").GetString())));
        Assert.Equal("[1].price", abortedDetails[1].GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(0, await CountProductsAsync(token, "Abort"));

        const string Csv = "Name,Price,Category Name,Vouchers,Voucher Expire Date\n"
            + "Skip One,5,Premium Rewards,SK-1,2030-01-01T00:00:00.000Z\n"
            + "Skip Two,5,Premium Rewards,\"SK-2,DUP\",2030-01-01T00:00:00.000Z\n"
            + "Skip Three,5,Premium Rewards,DUP,2030-01-01T00:00:00.000Z\n"
            + "Skip Four,-5,Premium Rewards,,\n"
            + "Skip Five,7,No Such Category,,\n"
            + "Skip Six,9,Premium Rewards,,\n";
        var skipped = await UploadCsvAsync(token, "?async=true&onError=skip", Csv);
        Assert.Equal(HttpStatusCode.OK, skipped.Status);
        var skipJobId = skipped.Json.GetProperty("data").GetProperty("_id").GetString()!;
        var skipJob = await FinishedAsync(token, skipJobId);
        Assert.Equal("partially_succeeded", skipJob.GetProperty("state").GetString());
        Assert.Equal("""{"total":6,"processed":6,"succeeded":2,"failed":4}""", skipJob.GetProperty("rows").GetRawText());
        var details = (await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{skipJobId}/details", token)).Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([(2, "created"), (3, "failed"), (4, "failed"), (5, "failed"), (6, "failed"), (7, "created")],
            details.Select(d => (d.GetProperty("row").GetInt32(), d.GetProperty("status").GetString())));
        Assert.Equal(("duplicate_voucher", 3, "Vouchers"), (details[1].GetProperty("errors")[0].GetProperty("code").GetString(),
            details[1].GetProperty("errors")[0].GetProperty("row").GetInt32(), details[1].GetProperty("errors")[0].GetProperty("column").GetString()));
        var createdIds = details.Where(d => d.GetProperty("status").GetString() == "created")
            .Select(d => d.GetProperty("result").GetProperty("productID").GetString()!).ToList();
        var listed = await Api.SendAsync(HttpMethod.Get, "/apis/products?search=Skip&limit=100", token);
        Assert.Equal(["Skip One", "Skip Six"], listed.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(createdIds.Order(StringComparer.Ordinal), listed.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("_id").GetString()!).Order(StringComparer.Ordinal));

        // One event, for the skip job's two products; the aborted job announced nothing.
        var received = await Eventually.Until(() => Task.FromResult(_receiver.Received(path)), r => r.Count >= 1, JobLimit, "the products_created delivery");
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var body = JsonDocument.Parse(Assert.Single(_receiver.Received(path)).Body);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(("store.products_created", skipJobId, 2), (body.RootElement.GetProperty("type").GetString(), data.GetProperty("jobID").GetString(),
            data.GetProperty("count").GetInt32()));
        Assert.Equal(createdIds, data.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("_id").GetString()!));

        // The errors file: the four failed products' rows and an error column; it goes back in as it is.
        var errors = await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{skipJobId}/errors.csv", token);
        Assert.Equal(HttpStatusCode.OK, errors.Status);
        var lines = errors.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Name,Price,Category Name,Vouchers,Voucher Expire Date,error", lines[0]);
        Assert.Equal(["Skip Two", "Skip Three", "Skip Four", "Skip Five"], lines[1..].Select(l => l.Split(',')[0].Trim('"')));
        var fixedCsv = errors.Body.Replace("DUP", "DUP-FIXED-2", StringComparison.Ordinal).Replace("DUP-FIXED-2,2030", "DUP-FIXED-3,2030", StringComparison.Ordinal)
            .Replace(",-5,", ",5,", StringComparison.Ordinal).Replace("No Such Category", "Premium Rewards", StringComparison.Ordinal);
        var again = await UploadCsvAsync(token, "?async=true", fixedCsv);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var fixedJob = await FinishedAsync(token, again.Json.GetProperty("data").GetProperty("_id").GetString()!);
        Assert.Equal(("succeeded", 4), (fixedJob.GetProperty("state").GetString(), fixedJob.GetProperty("rows").GetProperty("succeeded").GetInt32()));
        Assert.Equal(6, await CountProductsAsync(token, "Skip"));
    }

    [Fact]
    public async Task The_queued_answer_has_Location_a_key_replays_it_options_are_checked_and_a_users_only_key_cannot_see_the_job()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var token = community.Token;
        var body = new JsonArray(Catalogue.Product("Queued One")).ToJsonString();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "products-job-" + Guid.NewGuid().ToString("N") };

        var first = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk?async=true", token, PartnerApi.RawJson(body), key);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("Bulk create products process is queued.", first.Json.GetProperty("message").GetString());
        var job = first.Json.GetProperty("data");
        var jobId = job.GetProperty("_id").GetString()!;
        Assert.Equal(("products", "queued", 1, "abort"), (job.GetProperty("type").GetString(), job.GetProperty("state").GetString(),
            job.GetProperty("rows").GetProperty("total").GetInt32(), job.GetProperty("options").GetProperty("onError").GetString()));
        Assert.Equal($"/apis/bulk/jobs/{jobId}", first.Headers.Location?.ToString());
        var replay = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk?async=true", token, PartnerApi.RawJson(body), key);
        Assert.Equal((HttpStatusCode.OK, jobId), (replay.Status, replay.Json.GetProperty("data").GetProperty("_id").GetString()));
        Assert.Equal($"/apis/bulk/jobs/{jobId}", replay.Headers.Location?.ToString());
        Assert.Equal("succeeded", (await FinishedAsync(token, jobId)).GetProperty("state").GetString());
        Assert.Equal(1, await CountProductsAsync(token, "Queued One"));

        foreach (var query in new[] { "?async=false", "?async=true&onError=ignore", "?async=true&dryRun=true" })
        {
            var refused = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk" + query, token, PartnerApi.RawJson(body));
            Assert.Equal((HttpStatusCode.BadRequest, "unsupported_option"), (refused.Status, refused.ErrorCode()));
        }

        var tooMany = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk?async=true", token,
            PartnerApi.RawJson(new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)Catalogue.Product($"Many {i}"))]).ToJsonString()));
        Assert.Equal((HttpStatusCode.BadRequest, "too_many_products"), (tooMany.Status, tooMany.ErrorCode()));
        Assert.Equal(1, (await Api.SendAsync(HttpMethod.Get, "/apis/bulk/jobs?type=products", token)).Json.GetProperty("meta").GetProperty("total").GetInt32());

        var (_, usersOnly) = await Api.CreateKeyAsync(token, ["users"]);
        foreach (var jobPath in new[] { $"/apis/bulk/jobs/{jobId}", $"/apis/bulk/jobs/{jobId}/details", $"/apis/bulk/jobs/{jobId}/errors.csv" })
        {
            var hidden = await Api.SendAsync(HttpMethod.Get, jobPath, usersOnly);
            Assert.Equal((HttpStatusCode.NotFound, "not_found"), (hidden.Status, hidden.ErrorCode()));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk?async=true", usersOnly, PartnerApi.RawJson(body))).Status);
        // A JSON upload has no errors file.
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}/errors.csv", token)).Status);
    }

    [Fact]
    public async Task The_API_document_describes_the_async_create_with_its_options_queued_example_and_refusals()
    {
        using var document = JsonDocument.Parse(await Api.Http.GetStringAsync(new Uri("/apis/openapi.json", UriKind.Relative)));
        var post = document.RootElement.GetProperty("paths").GetProperty("/apis/products/bulk").GetProperty("post");

        Assert.Superset(new HashSet<string> { "async", "onError", "dryRun" }, post.GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()!).ToHashSet());
        var responses = post.GetProperty("responses");
        var queued = responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("examples").GetProperty("queued");
        Assert.Equal("Bulk create products process is queued.", queued.GetProperty("value").GetProperty("message").GetString());
        var codes = new[] { "400", "409" }.SelectMany(status => responses.GetProperty(status).GetProperty("content").GetProperty("application/json")
            .GetProperty("examples").EnumerateObject().Select(e => $"{status} {e.Value.GetProperty("value").GetProperty("errors")[0].GetProperty("code").GetString()}"));
        Assert.Superset(new HashSet<string> { "400 unsupported_option", "400 too_many_products", "409 too_many_active_jobs" }, codes.ToHashSet());
    }

    private async Task<int> CountProductsAsync(string token, string search)
    {
        var listed = await Api.SendAsync(HttpMethod.Get, $"/apis/products?search={Uri.EscapeDataString(search)}&limit=1", token);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        return listed.Json.GetProperty("meta").GetProperty("total").GetInt32();
    }

    private Task<ApiResponse> UploadCsvAsync(string token, string query, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        return Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk" + query, token, new MultipartFormDataContent { { file, "file", "products.csv" } });
    }

    private async Task<JsonElement> FinishedAsync(string token, string jobId)
    {
        var response = await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}", token),
            r => r.Status != HttpStatusCode.OK || r.Json.GetProperty("data").GetProperty("finishedAt").ValueKind != JsonValueKind.Null, JobLimit, $"job {jobId} finishing");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.GetProperty("data");
    }
}
