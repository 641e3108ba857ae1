using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Jobs.Jobs;
using ReturningAi.Jobs.Model;

namespace ReturningAi.Jobs.Worker;

/// <summary>
/// A products job: at most 100 products, so the whole upload goes to the Store as one <see cref="ApplyProductJob"/>, which
/// applies the job's <c>onError</c> in one transaction and answers a result per product; those become the job's rows (keyed
/// by the CSV line a product starts on, or its JSON index) in one transaction, then the job finishes. A job taken over
/// after its results were recorded only finishes; one taken over before sends the command again, which the Store answers
/// from its markers.
/// </summary>
public sealed partial class JobRunner
{
    private async Task RunProductsAsync(Job job, Guid owner, byte[] content, CancellationToken cancellationToken)
    {
        if (!await db.JobRowChunks.AnyAsync(c => c.JobId == job.Id, cancellationToken))
        {
            var file = ProductJobFile.Read(job, content);
            var onError = JsonNode.Parse(job.Options)?[ProductJobQuery.OnError]?.GetValue<string>() ?? ProductJobPolicies.Abort;
            var command = new ApplyProductJob(job.Id, job.CommunityId, job.ApiKeyId, onError, file.Products, [.. file.ReaderErrors.Keys]);
            var rows = Enumerable.Range(0, file.Products.Count).Select(file.RowOf).ToList();
            var recording = await ApplyAsync(job, owner, rows, async timeout =>
                {
                    var applied = await productJobs.GetResponse<JobRowsApplied>(command, cancellationToken, timeout);
                    return [.. applied.Message.Results.Select(r => r with { Row = file.RowOf(r.Row), Errors = file.ErrorsOf(r.Row, r.Errors) })];
                }, Task.FromResult(true), cancellationToken);
            if (recording is null || !await recording) return;
        }

        await FinishAsync(job.Id, owner, null, cancellationToken);
    }
}
