using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>Currency bulk jobs through the gateway (events-and-jobs.md section 3; section 4, invariants 13 and 16 for currency).</summary>
[Collection(StackCollection.Name)]
public sealed class BulkCurrencyJobsEndToEndTests(StackFixture stack)
{
    private const int Users = 10;
    private static readonly TimeSpan JobLimit = TimeSpan.FromSeconds(120);

    private PartnerApi Api => stack.Api;

    /// <summary>A community whose users the store knows (their wallets answer), by username <c>payee{i}</c>.</summary>
    private async Task<(Bootstrapped Community, string[] UserIds)> PayeesAsync(int count)
    {
        var community = await Api.BootstrapCommunityAsync();
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            var user = await Api.SendAsync(HttpMethod.Post, "/apis/users", community.Token, new { username = $"payee{i}", email = $"payee{i}@example.com" });
            Assert.True(user.Status == HttpStatusCode.Created, user.Body);
            ids[i] = user.Json.GetProperty("data").GetProperty("_id").GetString()!;
        }

        foreach (var id in ids) Assert.NotNull(await StoreDatabase.UserCopiedAsync(id));
        return (community, ids);
    }

    [Fact]
    public async Task A_thousand_rows_with_three_bad_apply_997_and_the_fixed_errors_file_applies_exactly_the_three()
    {
        var (community, userIds) = await PayeesAsync(Users);
        var token = community.Token;
        var expected = new decimal[Users];
        var csv = new StringBuilder("email,amount,operation,reason,reference\n");
        for (var i = 0; i < 1000; i++)
        {
            var amount = 1 + (i % 5);
            var (email, amountCell, operation) = i switch
            {
                100 => ("ghost@example.com", "3", "add"),                   // line 102: user_not_found
                500 => ($"payee{i % Users}@example.com", "ten", "add"),     // line 502: invalid_amount
                900 => ($"payee{i % Users}@example.com", "3", "multiply"),  // line 902: invalid_operation
                _ => ($"payee{i % Users}@example.com", amount.ToString(CultureInfo.InvariantCulture), "add"),
            };
            if (i is not (100 or 500 or 900)) expected[i % Users] += amount;
            csv.Append(CultureInfo.InvariantCulture, $"{email},{amountCell},{operation},Migration row {i},crm-{i}\n");
        }

        var upload = await UploadAsync(token, csv.ToString(), "balances.csv");
        Assert.Equal(HttpStatusCode.OK, upload.Status);
        Assert.Equal("Bulk update premium currency process is queued.", upload.Json.GetProperty("message").GetString());
        var jobId = upload.Json.GetProperty("data").GetProperty("_id").GetString()!;
        Assert.Equal($"/apis/bulk/jobs/{jobId}", upload.Headers.Location?.ToString());
        Assert.Equal(("currency", 1000), (upload.Json.GetProperty("data").GetProperty("type").GetString(),
            upload.Json.GetProperty("data").GetProperty("rows").GetProperty("total").GetInt32()));

        var job = await FinishedAsync(token, jobId);
        Assert.Equal("partially_succeeded", job.GetProperty("state").GetString());
        Assert.Equal("""{"total":1000,"processed":1000,"succeeded":997,"failed":3}""", job.GetProperty("rows").GetRawText());
        for (var u = 0; u < Users; u++) Assert.Equal(expected[u], await BalanceAsync(token, u));

        var failed = await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}/details?status=failed", token);
        var items = failed.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([102, 502, 902], items.Select(i => i.GetProperty("row").GetInt32()));
        Assert.Equal(["user_not_found", "invalid_amount", "invalid_operation"], items.Select(i => i.GetProperty("errors")[0].GetProperty("code").GetString()));
        var first = (await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}/details?limit=1", token)).Json.GetProperty("data")[0];
        Assert.Equal(("applied", userIds[0], 1m), (first.GetProperty("status").GetString(), first.GetProperty("result").GetProperty("userID").GetString(),
            first.GetProperty("result").GetProperty("balance").GetDecimal()));
        var ledger = await Api.SendAsync(HttpMethod.Get, $"/apis/wallet/ledger?userID={userIds[0]}&source=bulk&limit=100", token);
        var entry = ledger.Json.GetProperty("data").EnumerateArray()
            .Single(e => e.GetProperty("_id").GetString() == first.GetProperty("result").GetProperty("transactionID").GetString());
        Assert.Equal((jobId, "credit", 1m, "Migration row 0", "crm-0"), (entry.GetProperty("jobID").GetString(), entry.GetProperty("operation").GetString(),
            entry.GetProperty("delta").GetDecimal(), entry.GetProperty("reason").GetString(), entry.GetProperty("reference").GetString()));

        var errors = await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}/errors.csv", token);
        Assert.Equal(HttpStatusCode.OK, errors.Status);
        var lines = errors.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("email,amount,operation,reason,reference,error", lines[0]);
        Assert.StartsWith("ghost@example.com,3,add,Migration row 100,crm-100,email: ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("payee0@example.com,ten,add,Migration row 500,crm-500,amount: ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("payee0@example.com,3,multiply,Migration row 900,crm-900,", lines[3], StringComparison.Ordinal);

        // Fixed in place, error column and all, and sent back as it is: exactly the three rows apply.
        var fixedCsv = errors.Body.Replace("ghost@example.com", "payee1@example.com", StringComparison.Ordinal)
            .Replace(",ten,", ",10,", StringComparison.Ordinal).Replace(",multiply,", ",add,", StringComparison.Ordinal);
        var again = await UploadAsync(token, fixedCsv, "balances-errors.csv");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var second = await FinishedAsync(token, again.Json.GetProperty("data").GetProperty("_id").GetString()!);
        Assert.Equal("succeeded", second.GetProperty("state").GetString());
        Assert.Equal("""{"total":3,"processed":3,"succeeded":3,"failed":0}""", second.GetProperty("rows").GetRawText());
        expected[1] += 3;
        expected[0] += 10 + 3;
        for (var u = 0; u < Users; u++) Assert.Equal(expected[u], await BalanceAsync(token, u));
        var bulkEntries = 0;
        foreach (var id in userIds)
        {
            var entries = await Api.SendAsync(HttpMethod.Get, $"/apis/wallet/ledger?userID={id}&source=bulk&limit=1", token);
            bulkEntries += entries.Json.GetProperty("meta").GetProperty("total").GetInt32();
        }

        Assert.Equal(1000, bulkEntries);
    }

    [Fact]
    public async Task A_users_only_key_gets_404_for_a_currency_job_and_a_store_key_sees_it()
    {
        var (community, _) = await PayeesAsync(1);
        var upload = await UploadAsync(community.Token, "email,amount,operation,reason\npayee0@example.com,5,add,Welcome\n", "one.csv");
        Assert.Equal(HttpStatusCode.OK, upload.Status);
        var jobId = upload.Json.GetProperty("data").GetProperty("_id").GetString()!;
        await FinishedAsync(community.Token, jobId);
        var (_, usersOnly) = await Api.CreateKeyAsync(community.Token, ["users"]);
        var (_, storeOnly) = await Api.CreateKeyAsync(community.Token, ["store"]);

        foreach (var path in new[] { $"/apis/bulk/jobs/{jobId}", $"/apis/bulk/jobs/{jobId}/details", $"/apis/bulk/jobs/{jobId}/errors.csv" })
        {
            var hidden = await Api.SendAsync(HttpMethod.Get, path, usersOnly);
            Assert.Equal((HttpStatusCode.NotFound, "not_found"), (hidden.Status, hidden.ErrorCode()));
            Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, path, storeOnly)).Status);
        }

        Assert.Equal(0, (await Api.SendAsync(HttpMethod.Get, "/apis/bulk/jobs", usersOnly)).Json.GetProperty("meta").GetProperty("total").GetInt32());
        var listed = await Api.SendAsync(HttpMethod.Get, "/apis/bulk/jobs?type=currency", storeOnly);
        Assert.Equal([jobId], listed.Json.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("_id").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(usersOnly, "email,amount,operation,reason\npayee0@example.com,5,add,No\n", "x.csv")).Status);
    }

    [Fact]
    public async Task A_bad_header_or_too_many_rows_is_400_with_every_problem_and_queues_no_job_and_a_replay_keeps_Location()
    {
        var community = await Api.BootstrapCommunityAsync();
        var header = await UploadAsync(community.Token, "email,amount,points,amount\na@x.io,1,2,3\n", "header.csv");
        Assert.Equal(HttpStatusCode.BadRequest, header.Status);
        Assert.Equal(["duplicate_column amount", "missing_column operation", "missing_column reason", "unknown_column points"],
            MemberRequests.Items(header).Select(i => $"{i.Code} {i.Field}").Order(StringComparer.Ordinal));

        var rows = new StringBuilder("email,amount,operation,reason\n", 4_000_000);
        for (var i = 0; i < 100_001; i++) rows.Append(CultureInfo.InvariantCulture, $"u{i}@x.io,1,add,r\n");
        var tooMany = await UploadAsync(community.Token, rows.ToString(), "many.csv");
        Assert.Equal((HttpStatusCode.BadRequest, "too_many_rows"), (tooMany.Status, tooMany.ErrorCode()));
        Assert.Equal(0, (await Api.SendAsync(HttpMethod.Get, "/apis/bulk/jobs", community.Token)).Json.GetProperty("meta").GetProperty("total").GetInt32());

        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "currency-" + Guid.NewGuid().ToString("N") };
        const string csv = "email,amount,operation,reason\nnobody@example.com,1,add,Once\n";
        var first = await UploadAsync(community.Token, csv, "once.csv", key);
        var replay = await UploadAsync(community.Token, csv, "once.csv", key);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        var jobId = first.Json.GetProperty("data").GetProperty("_id").GetString();
        Assert.Equal(jobId, replay.Json.GetProperty("data").GetProperty("_id").GetString());
        Assert.Equal($"/apis/bulk/jobs/{jobId}", replay.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_API_document_describes_the_currency_upload_with_its_permission_example_and_every_refusal()
    {
        using var document = JsonDocument.Parse(await Api.Http.GetStringAsync(new Uri("/apis/openapi.json", UriKind.Relative)));
        var post = document.RootElement.GetProperty("paths").GetProperty("/apis/bulk/currency").GetProperty("post");

        Assert.Equal("store", post.GetProperty("x-required-permission").GetString());
        Assert.StartsWith("email,amount,operation,reason", post.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data")
            .GetProperty("example").GetProperty("file").GetString(), StringComparison.Ordinal);
        var responses = post.GetProperty("responses");
        Assert.Equal("Bulk update premium currency process is queued.", responses.GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("example").GetProperty("message").GetString());
        var codes = new[] { "400", "409", "415" }.SelectMany(status => responses.GetProperty(status).GetProperty("content").GetProperty("application/json")
            .GetProperty("examples").EnumerateObject().Select(e => $"{status} {e.Value.GetProperty("value").GetProperty("errors")[0].GetProperty("code").GetString()}"));
        Assert.Superset(new HashSet<string> { "400 missing_file", "400 file_too_large", "400 too_many_rows", "400 missing_column", "400 unknown_column",
            "400 duplicate_column", "400 empty", "400 malformed_csv", "400 invalid_encoding", "409 too_many_active_jobs", "415 unsupported_media_type" }, codes.ToHashSet());
    }

    private async Task<decimal> BalanceAsync(string token, int user)
    {
        var wallet = await Api.SendAsync(HttpMethod.Get, $"/apis/wallet?email=payee{user}@example.com", token);
        Assert.Equal(HttpStatusCode.OK, wallet.Status);
        return wallet.Json.GetProperty("data").GetProperty("balance").GetDecimal();
    }

    private Task<ApiResponse> UploadAsync(string token, string csv, string fileName, IReadOnlyDictionary<string, string>? headers = null)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        return Api.SendRawAsync(HttpMethod.Post, "/apis/bulk/currency", token, new MultipartFormDataContent { { file, "file", fileName } }, headers);
    }

    private async Task<JsonElement> FinishedAsync(string token, string jobId)
    {
        var response = await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}", token),
            r => r.Status != HttpStatusCode.OK || r.Json.GetProperty("data").GetProperty("finishedAt").ValueKind != JsonValueKind.Null, JobLimit, $"job {jobId} finishing");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.GetProperty("data");
    }
}
