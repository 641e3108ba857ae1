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
    public static byte[] Write(ReadOnlyMemory<byte> file, IReadOnlyDictionary<int, string> failed) => Write(file, failed.GetValueOrDefault);

    /// <summary>
    /// A products job's errors file: each failed product with all its rows (its first row, which carries the error, and
    /// the continuation rows after it up to the next product's first row), so the product goes back in whole.
    /// </summary>
    /// <param name="failed">The failed products' error texts by their first row.</param>
    /// <param name="productRows">The first row of every product of the job.</param>
    public static byte[] WriteProducts(ReadOnlyMemory<byte> file, IReadOnlyDictionary<int, string> failed, IReadOnlySet<int> productRows)
    {
        ArgumentNullException.ThrowIfNull(productRows);
        var product = 0;
        return Write(file, row =>
        {
            if (productRows.Contains(row)) product = row;
            return failed.TryGetValue(product, out var message) ? row == product ? message : "" : null;
        });
    }

    /// <param name="errorOf">The text of a row's <c>error</c> cell, or null to leave the row out; called in file order.</param>
    private static byte[] Write(ReadOnlyMemory<byte> file, Func<int, string?> errorOf)
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

            if (errorOf(record.Row) is { } message)
            {
                CsvText.AppendRecord(output, kept.Select(i => i < record.Cells.Count ? record.Cells[i] : "").Append(message));
            }
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }
}
