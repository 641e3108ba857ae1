using System.Text.Json;
using System.Text.Json.Nodes;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Jobs.Model;

namespace ReturningAi.Jobs.Jobs;

/// <summary>Jobs and their rows as the partner reads them.</summary>
public static class JobViews
{
    public static JobDto ToDto(Job job) => new(
        job.Id,
        job.CommunityId,
        job.Type,
        job.State,
        job.FileName,
        JsonNode.Parse(job.Options)!.AsObject(),
        new JobRowsDto(job.Total, job.Processed, job.Succeeded, job.Failed),
        Progress(job),
        job.ApiKeyId,
        job.ErrorCode is null ? null : new ErrorItem(job.ErrorCode, job.ErrorMessage ?? "", null),
        job.CreatedAt,
        job.StartedAt,
        job.FinishedAt);

    public static int Progress(Job job) =>
        JobStates.IsFinal(job.State) ? 100 : job.Total == 0 ? 0 : (int)(job.Processed * 100L / job.Total);

    /// <param name="byIndex">A product of a JSON upload: its key is its <c>index</c> in the array, not a CSV <c>row</c>.</param>
    public static JobDetailDto ToDetail(JobRow row, bool byIndex = false) => new(
        byIndex ? null : row.Row,
        row.Status,
        JsonSerializer.Deserialize<List<ErrorItem>>(row.Errors, JsonSerializerOptions.Web)!,
        row.Result is null ? null : JsonNode.Parse(row.Result)!.AsObject())
    {
        Index = byIndex ? row.Row : null,
    };

    public static IReadOnlyList<ErrorItem> Errors(JobRow row) => JsonSerializer.Deserialize<List<ErrorItem>>(row.Errors, JsonSerializerOptions.Web)!;
}
