using System.Text;
using ReturningAi.Contracts.Http;
using ReturningAi.Csv;
using ReturningAi.Users.Csv;

namespace ReturningAi.Jobs.Jobs;

/// <summary>
/// A job's errors file: the uploaded header and an <c>error</c> column, then each failed row's cells as uploaded,
/// in file order, with its errors as <c>column: message</c> items joined by <c>; </c>. An <c>error</c> column of the
/// upload is replaced, so the file goes back in as it is, once its rows are fixed.
/// </summary>
public static class ErrorsCsv
{
    public static string Message(IEnumerable<ErrorItem> errors) =>
        string.Join("; ", errors.Select(e => e.Column is null ? e.Message : $"{e.Column}: {e.Message}"));

    /// <param name="failed">The failed rows' error texts by row (<see cref="Message"/>).</param>
    public static byte[] Write(ReadOnlyMemory<byte> file, IReadOnlyDictionary<int, string> failed)
    {
        var output = new StringBuilder();
        int[]? kept = null;
        foreach (var record in CsvRecords.Read(file))
        {
            if (kept is null)
            {
                var header = record.Cells.Select((cell, i) => i == 0 ? cell.TrimStart('\uFEFF') : cell).ToList();
                kept = [.. Enumerable.Range(0, header.Count)
                    .Where(i => !string.Equals(header[i].Trim(), UserCsvHeader.ErrorColumn, StringComparison.OrdinalIgnoreCase))
                    .Where(i => i < header.Count - 1 || header[i].Trim().Length > 0)];
                CsvText.AppendRecord(output, kept.Select(i => header[i]).Append(UserCsvHeader.ErrorColumn));
                continue;
            }

            if (failed.TryGetValue(record.Row, out var message))
            {
                CsvText.AppendRecord(output, kept.Select(i => i < record.Cells.Count ? record.Cells[i] : "").Append(message));
            }
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }
}
