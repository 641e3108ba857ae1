using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.Jobs.Worker;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;

namespace ReturningAi.Jobs.Tests;

public sealed class JobsFixture : IAsyncLifetime
{
    public JobsFactory Factory { get; } = new();

    public FakeOwner Owner { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Owner = await FakeOwner.StartAsync();
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Owner.DisposeAsync();
    }
}

/// <summary>The Jobs service on real PostgreSQL and RabbitMQ, with a stand-in owner on the owners' command queues.</summary>
public sealed partial class JobsIntegrationTests(JobsFixture fixture) : IClassFixture<JobsFixture>
{
    private static readonly TimeSpan JobLimit = TimeSpan.FromSeconds(60);

    /// <summary>A lease no test outlives: the job stays another worker's, running, and holds its community's place.</summary>
    private const int HeldSeconds = 3600;

    private JobsFactory Factory => fixture.Factory;

    [Fact]
    public async Task Refused_uploads_answer_in_the_envelope_and_queue_no_job()
    {
        var community = ObjectIds.New();

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            await RefusalAsync(community, JsonContent.Create(new { email = "a@x.io" })));
        Assert.Equal((HttpStatusCode.BadRequest, "missing_file"), await RefusalAsync(community, JobsFactory.Csv("email\na@x.io\n", field: "other")));
        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_media_type"),
            await RefusalAsync(community, JobsFactory.Csv("email\na@x.io\n", contentType: "application/pdf")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_encoding"), await RefusalAsync(community, JobsFactory.Csv([.. "email\n"u8, 0xFF, (byte)'\n'])));
        Assert.Equal((HttpStatusCode.BadRequest, "empty"), await RefusalAsync(community, JobsFactory.Csv("email,username\n")));
        Assert.Equal((HttpStatusCode.BadRequest, "unknown_column"), await RefusalAsync(community, JobsFactory.Csv("email,nickname\na@x.io,A\n")));
        Assert.Equal(0, await Factory.ScalarAsync("SELECT count(*) FROM jobs WHERE community_id = @c", ("c", community)));

        // Five active jobs, held: one running under a live lease of another worker, and four queued behind it (one job of a type at a time).
        await InsertJobAsync(ObjectIds.New(), community, "products", "running", total: 1, file: "Name\nA\n", leaseSeconds: HeldSeconds);
        for (var i = 0; i < 4; i++) await InsertJobAsync(ObjectIds.New(), community, "products", "queued", total: 1, file: "Name\nA\n");
        Assert.Equal((HttpStatusCode.Conflict, "too_many_active_jobs"), await RefusalAsync(community, JobsFactory.Csv("email\na@x.io\n")));
        Assert.Equal(5, await Factory.ScalarAsync("SELECT count(*) FROM jobs WHERE community_id = @c", ("c", community)));
    }

    [Fact]
    public async Task A_job_runs_in_chunks_in_file_order_records_every_row_once_and_completes_once_through_the_outbox()
    {
        var community = ObjectIds.New();
        using var upload = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Post, "/users/bulk-update", community,
            content: JobsFactory.Csv("email,username\na@x.io,a\nb@x.io,b\n\nbad-c,c\nd@x.io,d\ne@x.io,e\n", field: "data")));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var jobId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("_id").GetString()!;
        Assert.Equal($"/apis/bulk/jobs/{jobId}", upload.Headers.Location?.ToString());

        var job = await FinishedAsync(community, jobId);
        Assert.Equal("partially_succeeded", job.GetProperty("state").GetString());
        Assert.Equal("""{"total":5,"processed":5,"succeeded":4,"failed":1}""", job.GetProperty("rows").GetRawText());
        Assert.Equal([2, 3, 5, 6, 7], fixture.Owner.RowsOf(jobId));
        Assert.Equal(1, await Factory.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = @s AND message_type LIKE '%JobCompleted%'", ("s", $"job:{jobId}")));

        using var details = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, $"/bulk/jobs/{jobId}/details?limit=2&skip=1", community));
        var page = await details.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, page.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal([(3, "created"), (5, "failed")], page.GetProperty("data").EnumerateArray()
            .Select(d => (d.GetProperty("row").GetInt32(), d.GetProperty("status").GetString())));
        // A recorded row a chunk of two (Jobs:ChunkRows), not one a CSV row; the page spans two of them.
        Assert.Equal(3, await Factory.ScalarAsync("SELECT count(*) FROM job_row_chunks WHERE job_id = @j", ("j", jobId)));
        Assert.Equal("""{"userID":"6750c9f014a3e564c5c09c21"}""", page.GetProperty("data")[0].GetProperty("result").GetRawText());
        Assert.Equal(("[]", "invalid_email", JsonValueKind.Null), (page.GetProperty("data")[0].GetProperty("errors").GetRawText(),
            page.GetProperty("data")[1].GetProperty("errors")[0].GetProperty("code").GetString(), page.GetProperty("data")[1].GetProperty("result").ValueKind));

        using var errors = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, $"/bulk/jobs/{jobId}/errors.csv", community));
        Assert.Equal("email,username,error\r\nbad-c,c,email: Not an email.\r\n", await errors.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_job_whose_worker_died_is_taken_over_when_its_lease_lapses_and_only_its_unrecorded_rows_are_sent()
    {
        var community = ObjectIds.New();
        var jobId = ObjectIds.New();
        await InsertJobAsync(jobId, community, "users", "running", total: 5, file: "email\na@x.io\nb@x.io\nc@x.io\nd@x.io\ne@x.io\n",
            leaseSeconds: JobsFactory.LeaseSeconds, recordedRows: [2, 3]);

        using (var running = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, $"/bulk/jobs/{jobId}", community)))
        {
            var data = (await running.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
            Assert.Equal(("running", 40), (data.GetProperty("state").GetString(), data.GetProperty("progress").GetInt32()));
        }

        var job = await FinishedAsync(community, jobId);

        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal("""{"total":5,"processed":5,"succeeded":5,"failed":0}""", job.GetProperty("rows").GetRawText());
        Assert.Equal([4, 5, 6], fixture.Owner.RowsOf(jobId));
        Assert.Equal(5, await Factory.ScalarAsync("SELECT count(*) FROM job_rows WHERE job_id = @j", ("j", jobId)));
    }

    [Fact]
    public async Task A_job_is_seen_only_with_the_permission_of_its_type_and_only_in_its_community()
    {
        var community = ObjectIds.New();
        var usersJob = ObjectIds.New();
        var productsJob = ObjectIds.New();
        await InsertJobAsync(usersJob, community, "users", "succeeded", total: 1, file: "email\na@x.io\n");
        await InsertJobAsync(productsJob, community, "products", "running", total: 1, file: "Name\nA\n", leaseSeconds: HeldSeconds);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/bulk/jobs/{usersJob}", community, "store"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/bulk/jobs/{productsJob}", community, "users"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/bulk/jobs/{usersJob}", ObjectIds.New(), "users,store"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/bulk/jobs/{usersJob}", community, "users"));
        Assert.Equal(HttpStatusCode.Conflict, await StatusAsync($"/bulk/jobs/{productsJob}/errors.csv", community, "store"));

        using var listed = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, "/bulk/jobs", community, "store"));
        var ids = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray().Select(j => j.GetProperty("_id").GetString());
        Assert.Equal([productsJob], ids);
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync("/bulk/jobs?state=done", community, "store"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync($"/bulk/jobs/{usersJob}/details?limit=1001", community, "users"));
    }

    [Fact]
    public async Task Jobs_finished_over_30_days_ago_are_forgotten_with_their_files_and_rows()
    {
        var community = ObjectIds.New();
        var (old, recent) = (ObjectIds.New(), ObjectIds.New());
        await InsertJobAsync(old, community, "users", "succeeded", total: 1, file: "email\na@x.io\n", recordedRows: [2]);
        await InsertJobAsync(recent, community, "users", "succeeded", total: 1, file: "email\na@x.io\n", recordedRows: [2]);
        await Factory.ExecuteAsync("UPDATE jobs SET finished_at = now() - interval '31 days' WHERE id = @id", ("id", old));

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<JobLeases>().ForgetOldAsync(CancellationToken.None);
        }

        Assert.Equal(1, await Factory.ScalarAsync("SELECT count(*) FROM jobs WHERE community_id = @c", ("c", community)));
        Assert.Equal(0, await Factory.ScalarAsync("SELECT count(*) FROM job_files WHERE job_id = @j", ("j", old)));
        Assert.Equal(0, await Factory.ScalarAsync("SELECT count(*) FROM job_rows WHERE job_id = @j", ("j", old)));
        Assert.Equal(1, await Factory.ScalarAsync("SELECT count(*) FROM job_rows WHERE job_id = @j", ("j", recent)));
    }

    private async Task<(HttpStatusCode, string)> RefusalAsync(string community, HttpContent content)
    {
        using var response = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Post, "/users/bulk-update", community, content: content));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("error", body.GetProperty("meta").GetProperty("status").GetString());
        return (response.StatusCode, body.GetProperty("errors")[0].GetProperty("code").GetString()!);
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string community, string permissions)
    {
        using var response = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, path, community, permissions));
        return response.StatusCode;
    }

    private async Task<JsonElement> FinishedAsync(string community, string jobId)
    {
        var data = await Eventually.Until(async () =>
        {
            using var response = await fixture.Client.SendAsync(JobsFactory.FromGateway(HttpMethod.Get, $"/bulk/jobs/{jobId}", community));
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        }, d => d.GetProperty("finishedAt").ValueKind != JsonValueKind.Null, JobLimit, $"job {jobId} finishing");
        return data;
    }

    /// <summary>A job as a worker left it: for a running one, its lease held by a worker that is gone, and the rows it recorded.</summary>
    private async Task InsertJobAsync(string jobId, string community, string type, string state, int total, string file, int leaseSeconds = 0,
        int[]? recordedRows = null)
    {
        recordedRows ??= [];
        var header = file[..file.IndexOf('\n', StringComparison.Ordinal)].Split(',');
        await Factory.ExecuteAsync($"""
            INSERT INTO jobs (id, community_id, type, state, options, header, total, processed, succeeded, failed, created_at, started_at,
                finished_at, lease_owner, lease_until)
            VALUES (@id, @community, @type, @state, '{"{}"}', @header, @total, @recorded, @recorded, 0, now(),
                CASE WHEN @state = 'queued' THEN NULL ELSE now() END,
                CASE WHEN @state IN ('queued', 'running') THEN NULL ELSE now() END,
                CASE WHEN @state = 'running' THEN gen_random_uuid() END,
                CASE WHEN @state = 'running' THEN now() + make_interval(secs => @lease) END)
            """,
            ("id", jobId), ("community", community), ("type", type), ("state", state), ("header", header), ("total", total),
            ("recorded", recordedRows.Length), ("lease", leaseSeconds));
        await Factory.ExecuteAsync("INSERT INTO job_files (job_id, content) VALUES (@id, @content)", ("id", jobId), ("content", Encoding.UTF8.GetBytes(file)));
        if (recordedRows.Length > 0)
        {
            // One recorded chunk (job_rows is the view of them).
            await Factory.ExecuteAsync("""
                INSERT INTO job_row_chunks (job_id, first_row, last_row, rows, statuses, errors, results)
                VALUES (@id, @first, @last, @rows, array_fill('created'::text, ARRAY[@count]), array_fill(NULL::text, ARRAY[@count]),
                    array_fill(NULL::text, ARRAY[@count]))
                """, ("id", jobId), ("first", recordedRows.Min()), ("last", recordedRows.Max()), ("rows", recordedRows), ("count", recordedRows.Length));
        }
    }
}
