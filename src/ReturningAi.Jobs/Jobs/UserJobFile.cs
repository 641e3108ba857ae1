using ReturningAi.Contracts.Http;
using ReturningAi.Csv;
using ReturningAi.Users.Csv;

namespace ReturningAi.Jobs.Jobs;

/// <summary>
/// The file-level checks of a users upload, before any job exists (events-and-jobs.md section 3): UTF-8, readable
/// CSV, the header (<see cref="UserCsvHeader"/>), at least one and at most <c>maxRows</c> rows. Rows are counted
/// while streaming, one at a time; their cells are the owner's to judge, row by row, in the job.
/// </summary>
public static class UserJobFile
{
    /// <summary>What the checks found; <see cref="Columns"/> is set whenever the header could be read, even with problems.</summary>
    public sealed record Inspection(IReadOnlyList<string>? Header, UserCsvHeader? Columns, int Rows, IReadOnlyList<ErrorItem> Errors);

    public static Inspection Inspect(ReadOnlyMemory<byte> file, int maxRows)
    {
        if (Utf8Lines.FirstInvalidLine(file.Span) is { } badLine)
        {
            return Refused(new ErrorItem("invalid_encoding", $"Line {badLine} is not valid UTF-8; save the file as UTF-8.", null) { Row = badLine });
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
                    return Refused(new ErrorItem("too_many_rows", $"At most {maxRows:N0} rows per file; line {record.Row} is one more.", null) { Row = record.Row });
                }
            }
        }
        catch (CsvFileException exception)
        {
            return Refused(new ErrorItem("malformed_csv", exception.Message, null));
        }

        if (header is null || header.All(string.IsNullOrWhiteSpace)) return Refused(new ErrorItem("empty", "The file is empty.", null));
        var errors = new List<ErrorItem>();
        var columns = UserCsvHeader.Read(header, errors);
        if (errors.Count == 0 && rows == 0) errors.Add(new ErrorItem("empty", "The file has a header but no row.", null));
        return new Inspection(header, columns, rows, errors);
    }

    private static Inspection Refused(ErrorItem error) => new(null, null, 0, [error]);
}
