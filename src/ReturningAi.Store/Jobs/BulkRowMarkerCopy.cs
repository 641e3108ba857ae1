using Npgsql;
using NpgsqlTypes;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Jobs;

/// <summary>
/// Writes the markers of a chunk's failed rows by binary COPY (<see cref="BinaryCopy"/>) in the transaction of its ledger
/// entries; <c>created_at</c> takes its default. A marker already there fails the COPY on <c>pk_bulk_row_markers</c>, as an insert would.
/// </summary>
internal static class BulkRowMarkerCopy
{
    private const string Copy = "COPY bulk_row_markers (job_id, row, community_id, status, user_id, errors) FROM STDIN (FORMAT BINARY)";

    public static Task<ulong> WriteAsync(NpgsqlConnection connection, IEnumerable<BulkRowMarker> markers, CancellationToken cancellationToken) =>
        BinaryCopy.WriteAsync(connection, Copy, markers, async (importer, marker, token) =>
        {
            await importer.WriteAsync(marker.JobId, NpgsqlDbType.Char, token);
            await importer.WriteAsync(marker.Row, NpgsqlDbType.Integer, token);
            await importer.WriteAsync(marker.CommunityId, NpgsqlDbType.Char, token);
            await importer.WriteAsync(marker.Status, NpgsqlDbType.Varchar, token);
            await importer.WriteOrNullAsync(marker.UserId, NpgsqlDbType.Char, token);
            await importer.WriteAsync(marker.Errors, NpgsqlDbType.Jsonb, token);
        }, cancellationToken);
}
