using System.Text;

namespace ReturningAi.Csv;

/// <summary>Writing CSV records (RFC 4180): a cell is quoted when it holds a comma, a quote, a line break or edge spaces.</summary>
public static class CsvText
{
    public static void AppendRecord(StringBuilder output, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) output.Append(',');
            first = false;
            output.Append(Quote(cell));
        }

        output.Append("\r\n");
    }

    public static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (cell.Length > 0 && (char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1])))
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;
}
