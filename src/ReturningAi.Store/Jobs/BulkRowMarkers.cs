using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Jobs;

/// <summary>
/// What currency and products jobs share about their <see cref="BulkRowMarker"/>s: a marker's result as the Jobs service
/// records it, its errors as stored, and the retry of a command whose markers another delivery wrote meanwhile (a marker's
/// key, or a ledger entry's <c>(job_id, job_row)</c>, which is an applied currency row's marker).
/// </summary>
public static class BulkRowMarkers
{
    private static readonly string[] Keys = ["pk_bulk_row_markers", "ix_ledger_entries_job_id_job_row"];
    private const int Attempts = 3;

    /// <summary>
    /// Runs <paramref name="applyOnce"/> (one transaction that reads the recorded markers first); when the same command,
    /// delivered twice at once, recorded them meanwhile, runs it again, which then answers what was recorded.
    /// </summary>
    public static async Task<JobRowsApplied> ApplyOnceAsync(StoreDbContext db, ILogger logger, string jobId, Func<Task<JobRowsApplied>> applyOnce)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(applyOnce);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await applyOnce();
            }
            catch (Exception exception) when (attempt < Attempts && Keys.Any(key => PostgresErrors.IsUniqueViolation(exception, key)))
            {
                logger.LogInformation("Rows of job {JobId} were recorded by another delivery; answering the recorded results", jobId);
                db.ChangeTracker.Clear();
            }
        }
    }

    public static string ErrorsJson(IReadOnlyCollection<ErrorItem> errors) =>
        errors.Count == 0 ? "[]" : JsonSerializer.Serialize(errors, JsonSerializerOptions.Web);

    public static JobRowResult ToResult(BulkRowMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        return ToResult(marker.Row, marker.Status, marker.Errors, marker.UserId, marker.TransactionId, marker.Balance, marker.ProductId);
    }

    /// <summary>A marker's result from its columns (<paramref name="errors"/> as stored).</summary>
    public static JobRowResult ToResult(int row, string status, string errors, string? userId, string? transactionId, decimal? balance, string? productId) =>
        new(row, status, JsonSerializer.Deserialize<List<ErrorItem>>(errors, JsonSerializerOptions.Web)!, userId?.Trim(), transactionId?.Trim(), balance,
            productId?.Trim());
}
