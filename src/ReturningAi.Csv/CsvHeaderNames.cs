using ReturningAi.Contracts.Http;

namespace ReturningAi.Csv;

/// <summary>
/// The names of a job file's header (events-and-jobs.md section 3): trimmed, a byte order mark dropped, each kept once.
/// A column without a name is <c>unknown_column</c> (a trailing comma aside) and a name seen before (case-insensitively)
/// <c>duplicate_column</c>. Problems are row 1, with their column, in column order with those <paramref name="column"/> adds.
/// </summary>
public static class CsvHeaderNames
{
    /// <summary>Calls <paramref name="column"/> with the position and name of each named column seen once.</summary>
    /// <returns>The names seen (case-insensitive), for the required ones.</returns>
    public static IReadOnlySet<string> Read(IReadOnlyList<string> names, List<ErrorItem> errors, Action<int, string> column)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(column);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            var header = names[i].Trim().TrimStart('\uFEFF');
            if (header.Length == 0)
            {
                if (i == names.Count - 1 && names.Count > 1) continue; // a trailing comma
                errors.Add(Error("unknown_column", $"Column {i + 1} has no name.", header));
            }
            else if (!seen.Add(header))
            {
                errors.Add(Error("duplicate_column", $"The column '{header}' appears twice.", header));
            }
            else
            {
                column(i, header);
            }
        }

        return seen;
    }

    /// <summary>A problem of the header: row 1, at <paramref name="column"/>.</summary>
    public static ErrorItem Error(string code, string message, string column) => new(code, message, column) { Row = 1, Column = column };
}
