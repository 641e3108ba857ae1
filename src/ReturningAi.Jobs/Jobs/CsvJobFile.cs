using ReturningAi.Contracts.Http;
using ReturningAi.Csv;

namespace ReturningAi.Jobs.Jobs;

/// <summary>
/// The file-level checks of a job's upload, before any job exists (events-and-jobs.md section 3): UTF-8, readable
/// CSV, the header (read by the job type's header reader), at least one and at most <c>maxRows</c> rows. Rows are
/// counted while streaming, one at a time; their cells are the owner's to judge, row by row, in the job.
/// </summary>
public static class CsvJobFile
{
    /// <summary>What the checks found; <see cref="Columns"/> is set whenever the header could be read, even with problems.</summary>
    public sealed record Inspection<THeader>(IReadOnlyList<string>? Header, THeader? Columns, int Rows, IReadOnlyList<ErrorItem> Errors)
        where THeader : class;

    public static Inspection<THeader> Inspect<THeader>(ReadOnlyMemory<byte> file, int maxRows, Func<IReadOnlyList<string>, List<ErrorItem>, THeader> readHeader)
        where THeader : class
    {
        ArgumentNullException.ThrowIfNull(readHeader);
        if (Utf8Lines.FirstInvalidLine(file.Span) is { } badLine)
        {
            return Refused<THeader>(new ErrorItem("invalid_encoding", $"Line {badLine} is not valid UTF-8; save the file as UTF-8.", null) { Row = badLine });
        }

        string[]? header = null;
        var rows = 0;
        try
        {
            foreach (var record in CsvRecords.Read(file))
            {
                if (header is null)
                {
                    header = [.. record.Cells];
                    continue;
                }

                if (++rows > maxRows)
                {
                    return Refused<THeader>(new ErrorItem("too_many_rows", $"At most {maxRows:N0} rows per file; line {record.Row} is one more.", null) { Row = record.Row });
                }
            }
        }
        catch (CsvFileException exception)
        {
            return Refused<THeader>(new ErrorItem("malformed_csv", exception.Message, null));
        }

        if (header is null || header.All(string.IsNullOrWhiteSpace)) return Refused<THeader>(new ErrorItem("empty", "The file is empty.", null));
        var errors = new List<ErrorItem>();
        var columns = readHeader(header, errors);
        if (errors.Count == 0 && rows == 0) errors.Add(new ErrorItem("empty", "The file has a header but no row.", null));
        return new Inspection<THeader>(header, columns, rows, errors);
    }

    private static Inspection<THeader> Refused<THeader>(ErrorItem error) where THeader : class => new(null, null, 0, [error]);
}
