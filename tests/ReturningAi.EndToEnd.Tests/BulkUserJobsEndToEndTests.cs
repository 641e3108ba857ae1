using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>Users bulk jobs through the gateway (events-and-jobs.md section 3, invariants 13, 15 and 16 for users).</summary>
[Collection(StackCollection.Name)]
public sealed class BulkUserJobsEndToEndTests(StackFixture stack)
{
    private static readonly TimeSpan JobLimit = TimeSpan.FromSeconds(90);

    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task A_file_with_bad_rows_ends_partially_succeeded_and_its_fixed_errors_file_applies_exactly_the_missing_rows()
    {
        var members = await MemberRequests.StartAsync(Api);
        var token = members.Keys.Next();
        await members.CreateLabelAsync("roles", "VIP");
        await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });

        var csv = new StringBuilder("email,username,roles,points\n");
        for (var i = 0; i < 20; i++) csv.Append(CultureInfo.InvariantCulture, $"member{i}@example.com,member{i},VIP,{i}\n");
        csv.Append("not-an-email,bad_email,,1\n");               // line 22: invalid_email
        csv.Append("nameless@example.com,,,2\n");                 // line 23: missing_username
        csv.Append("norole@example.com,norole,Nope,3\n");         // line 24: unknown_role

        var upload = await UploadAsync(token, csv.ToString(), "members.csv");
        Assert.Equal(HttpStatusCode.OK, upload.Status);
        Assert.Equal("Bulk update user process is queued.", upload.Json.GetProperty("message").GetString());
        var jobId = upload.Json.GetProperty("data").GetProperty("_id").GetString()!;
        Assert.Equal($"/apis/bulk/jobs/{jobId}", upload.Headers.Location?.ToString());
        Assert.Equal(("users", "queued", 23), (upload.Json.GetProperty("data").GetProperty("type").GetString(),
            upload.Json.GetProperty("data").GetProperty("state").GetString(), upload.Json.GetProperty("data").GetProperty("rows").GetProperty("total").GetInt32()));

        var job = await FinishedAsync(token, jobId);
        Assert.Equal("partially_succeeded", job.GetProperty("state").GetString());
        Assert.Equal((23, 23, 20, 3, 100), (job.GetProperty("rows").GetProperty("total").GetInt32(), job.GetProperty("rows").GetProperty("processed").GetInt32(),
            job.GetProperty("rows").GetProperty("succeeded").GetInt32(), job.GetProperty("rows").GetProperty("failed").GetInt32(), job.GetProperty("progress").GetInt32()));

        var failed = await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}/details?status=failed", token);
        Assert.Equal(HttpStatusCode.OK, failed.Status);
        var items = failed.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([22, 23, 24], items.Select(i => i.GetProperty("row").GetInt32()));
        Assert.Equal(["invalid_email", "missing_username", "unknown_role"], items.Select(i => i.GetProperty("errors")[0].GetProperty("code").GetString()));
        Assert.Equal(["email", "username", "roles"], items.Select(i => i.GetProperty("errors")[0].GetProperty("column").GetString()));
        var all = await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}/details?limit=1000", token);
        Assert.Equal(20, all.Json.GetProperty("data").EnumerateArray().Count(i => i.GetProperty("status").GetString() == "created"
            && i.GetProperty("result").GetProperty("userID").GetString()!.Length == 24));

        var errors = await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}/errors.csv", token);
        Assert.Equal(HttpStatusCode.OK, errors.Status);
        var lines = errors.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("email,username,roles,points,error", lines[0]);
        Assert.StartsWith("not-an-email,bad_email,,1,email: ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("nameless@example.com,,,2,\"username: ", lines[2], StringComparison.Ordinal); // the message holds a comma: quoted
        Assert.StartsWith("norole@example.com,norole,Nope,3,roles: ", lines[3], StringComparison.Ordinal);

        // Fixed in place, error column and all, and sent back as it is.
        var fixedCsv = errors.Body.Replace("not-an-email,", "fixed@example.com,", StringComparison.Ordinal)
            .Replace("nameless@example.com,,", "nameless@example.com,nameless,", StringComparison.Ordinal)
            .Replace(",Nope,", ",VIP,", StringComparison.Ordinal);
        var again = await UploadAsync(token, fixedCsv, "members-errors.csv");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var second = await FinishedAsync(token, again.Json.GetProperty("data").GetProperty("_id").GetString()!);
        Assert.Equal("succeeded", second.GetProperty("state").GetString());
        Assert.Equal((3, 3, 0), (second.GetProperty("rows").GetProperty("total").GetInt32(), second.GetProperty("rows").GetProperty("succeeded").GetInt32(),
            second.GetProperty("rows").GetProperty("failed").GetInt32()));

        var users = await members.SendAsync(HttpMethod.Get, "/community/users?limit=100");
        Assert.Equal(23, users.Json.GetProperty("meta").GetProperty("total").GetInt32());
        var norole = users.Json.GetProperty("data").EnumerateArray().Single(u => u.GetProperty("email").GetString() == "norole@example.com");
        Assert.Equal(["VIP"], norole.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(3m, norole.GetProperty("customFields").GetProperty("points").GetDecimal());

        // The errors file of a finished job that had no failure is the header alone.
        var none = await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{again.Json.GetProperty("data").GetProperty("_id").GetString()}/errors.csv", token);
        Assert.Equal("email,username,roles,points,error", none.Body.Trim());
    }

    [Fact]
    public async Task Rows_update_users_by_email_with_number_operations_and_leave_empty_cells_alone()
    {
        var members = await MemberRequests.StartAsync(Api);
        var token = members.Keys.Next();
        await members.CreateLabelAsync("tags", "Gold");
        await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        await members.CreateFieldAsync(new { field = "tier", name = "Tier", type = "text" });
        var userId = await members.CreateUserAsync(new
        {
            username = "ada", email = "ada@example.com",
            customFields = new object[] { new { fieldIdorName = "points", value = 10 }, new { fieldIdorName = "tier", value = "silver" } },
        });

        var upload = await UploadAsync(token, "email,username,tags,points,points_op,tier\nADA@example.com,ada_l,Gold,5,add,\n", "update.csv", field: "data");
        var job = await FinishedAsync(token, upload.Json.GetProperty("data").GetProperty("_id").GetString()!);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());

        var details = await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{job.GetProperty("_id").GetString()}/details", token);
        var row = details.Json.GetProperty("data")[0];
        Assert.Equal(("updated", userId), (row.GetProperty("status").GetString(), row.GetProperty("result").GetProperty("userID").GetString()));
        var user = await members.OkAsync(HttpMethod.Get, $"/users/{userId}");
        Assert.Equal("ada_l", user.GetProperty("username").GetString());
        Assert.Equal(["Gold"], user.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(15m, user.GetProperty("customFields").GetProperty("points").GetDecimal());
        Assert.Equal("silver", user.GetProperty("customFields").GetProperty("tier").GetString());

        var history = await members.SendAsync(HttpMethod.Get, $"/users/{userId}/fields/points/histories");
        Assert.Contains(history.Json.GetProperty("data").EnumerateArray(), h => h.GetProperty("source").GetString() == "bulk" && h.GetProperty("newValue").GetDecimal() == 15m);
    }

    [Fact]
    public async Task A_key_without_users_gets_404_for_a_users_job_and_does_not_list_it()
    {
        var members = await MemberRequests.StartAsync(Api);
        var token = members.Keys.Next();
        var upload = await UploadAsync(token, "email,username\nsolo@example.com,solo\n", "one.csv");
        var jobId = upload.Json.GetProperty("data").GetProperty("_id").GetString()!;
        var (_, storeOnly) = await Api.CreateKeyAsync(members.Community.Token, ["store"]);

        foreach (var path in new[] { $"/apis/bulk/jobs/{jobId}", $"/apis/bulk/jobs/{jobId}/details", $"/apis/bulk/jobs/{jobId}/errors.csv" })
        {
            var response = await Api.SendAsync(HttpMethod.Get, path, storeOnly);
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Equal("not_found", response.ErrorCode());
        }

        var listed = await Api.SendAsync(HttpMethod.Get, "/apis/bulk/jobs", storeOnly);
        Assert.Equal(0, listed.Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(storeOnly, "email\nx@example.com\n", "x.csv")).Status);
        var own = await Api.SendAsync(HttpMethod.Get, "/apis/bulk/jobs?type=users", token);
        Assert.Equal([jobId], own.Json.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("_id").GetString()));

        // Another community's key sees nothing of it either.
        var other = await Api.BootstrapCommunityAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}", other.Token)).Status);
    }

    [Fact]
    public async Task A_file_of_100001_rows_or_of_10_MiB_and_one_byte_is_400_and_queues_no_job()
    {
        var members = await MemberRequests.StartAsync(Api);
        var token = members.Keys.Next();

        var rows = new StringBuilder("email\n", 2_000_000);
        for (var i = 0; i < 100_001; i++) rows.Append(CultureInfo.InvariantCulture, $"u{i}@x.io\n");
        var tooMany = await UploadAsync(token, rows.ToString(), "many.csv");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal("too_many_rows", tooMany.ErrorCode());

        var large = new byte[10 * 1024 * 1024 + 1];
        Encoding.ASCII.GetBytes("email,note\na@x.io,").CopyTo(large, 0);
        Array.Fill(large, (byte)'x', 18, large.Length - 18);
        var tooLarge = await UploadBytesAsync(token, large, "large.csv");
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.Status);
        Assert.Equal("file_too_large", tooLarge.ErrorCode());

        var header = await UploadAsync(token, "email,nickname,email\na@x.io,a,a@x.io\n", "header.csv");
        Assert.Equal(HttpStatusCode.BadRequest, header.Status);
        Assert.Equal(["unknown_column", "duplicate_column"], MemberRequests.Items(header).Select(i => i.Code).Order().Reverse());

        var listed = await Api.SendAsync(HttpMethod.Get, "/apis/bulk/jobs", token);
        Assert.Equal(0, listed.Json.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_same_Idempotency_Key_and_file_answer_the_first_job_again()
    {
        var members = await MemberRequests.StartAsync(Api);
        var token = members.Keys.Next();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "bulk-" + Guid.NewGuid().ToString("N") };
        const string csv = "email,username\nonce@example.com,once\n";

        var first = await UploadAsync(token, csv, "once.csv", headers: key);
        var second = await UploadAsync(token, csv, "once.csv", headers: key);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Json.GetProperty("data").GetProperty("_id").GetString(), second.Json.GetProperty("data").GetProperty("_id").GetString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal($"/apis/bulk/jobs/{first.Json.GetProperty("data").GetProperty("_id").GetString()}", second.Headers.Location?.ToString());
        var listed = await Api.SendAsync(HttpMethod.Get, "/apis/bulk/jobs", token);
        Assert.Equal(1, listed.Json.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_API_document_describes_every_bulk_job_route_with_its_permission_and_examples()
    {
        using var document = JsonDocument.Parse(await Api.Http.GetStringAsync(new Uri("/apis/openapi.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[] { "/apis/users/bulk-update", "/apis/users/bulk-import" })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            Assert.Equal("users", post.GetProperty("x-required-permission").GetString());
            Assert.Contains("email,username", post.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data")
                .GetProperty("example").GetProperty("file").GetString(), StringComparison.Ordinal);
            Assert.Equal("Bulk update user process is queued.", post.GetProperty("responses").GetProperty("200").GetProperty("content")
                .GetProperty("application/json").GetProperty("example").GetProperty("message").GetString());
        }

        foreach (var path in new[] { "/apis/bulk/jobs", "/apis/bulk/jobs/{jobId}", "/apis/bulk/jobs/{jobId}/details" })
        {
            Assert.Equal(JsonValueKind.Object, paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content")
                .GetProperty("application/json").GetProperty("example").ValueKind);
        }

        Assert.Contains(",error", paths.GetProperty("/apis/bulk/jobs/{jobId}/errors.csv").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("text/csv").GetProperty("example").GetString(), StringComparison.Ordinal);
    }

    private Task<ApiResponse> UploadAsync(string token, string csv, string fileName, string field = "file", IReadOnlyDictionary<string, string>? headers = null) =>
        UploadBytesAsync(token, Encoding.UTF8.GetBytes(csv), fileName, field, headers);

    private Task<ApiResponse> UploadBytesAsync(string token, byte[] csv, string fileName, string field = "file", IReadOnlyDictionary<string, string>? headers = null)
    {
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        var form = new MultipartFormDataContent { { file, field, fileName } };
        return Api.SendRawAsync(HttpMethod.Post, "/apis/users/bulk-update", token, form, headers);
    }

    private async Task<JsonElement> FinishedAsync(string token, string jobId)
    {
        var response = await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}", token),
            r => r.Status != HttpStatusCode.OK || r.Json.GetProperty("data").GetProperty("finishedAt").ValueKind != JsonValueKind.Null, JobLimit, $"job {jobId} finishing");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.GetProperty("data");
    }
}
