using ReturningAi.Contracts.Http;
using ReturningAi.Csv;

namespace ReturningAi.Rewards.Csv;

/// <summary>
/// The header of a currency CSV (events-and-jobs.md section 3): <c>email</c>, <c>amount</c>, <c>operation</c>,
/// <c>reason</c> (required), <c>reference</c> (optional), <c>error</c> ignored (a fixed errors file goes back in as it
/// is); any other column is <c>unknown_column</c>. Names match case-insensitively after trimming.
/// </summary>
public sealed class CurrencyCsvHeader
{
    public const string Email = "email";
    public const string Amount = "amount";
    public const string Operation = "operation";
    public const string Reason = "reason";
    public const string Reference = "reference";
    public const string ErrorColumn = "error";

    public static IReadOnlyList<string> Required { get; } = [Email, Amount, Operation, Reason];

    private static readonly string[] Known = [Email, Amount, Operation, Reason, Reference, ErrorColumn];

    private CurrencyCsvHeader(IReadOnlyList<string?> columns) => Columns = columns;

    /// <summary>The column name (lower case) at each position; null for an ignored or unnamed one.</summary>
    public IReadOnlyList<string?> Columns { get; }

    /// <summary>The header as far as it reads, with its problems (row 1, each with its column) in <paramref name="errors"/>.</summary>
    public static CurrencyCsvHeader Read(IReadOnlyList<string> names, List<ErrorItem> errors)
    {
        var columns = new string?[names.Count];
        var seen = CsvHeaderNames.Read(names, errors, (i, header) =>
        {
            var known = Known.FirstOrDefault(k => string.Equals(k, header, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(Error("unknown_column", $"'{header}' is not a column of a currency file; use {string.Join(", ", Known[..5])}.", header));
                return;
            }

            columns[i] = known == ErrorColumn ? null : known;
        });

        foreach (var missing in Required.Where(r => !seen.Contains(r)))
        {
            errors.Add(Error("missing_column", $"The file needs a {missing} column.", missing));
        }

        return new CurrencyCsvHeader(columns);
    }

    internal static ErrorItem Error(string code, string message, string column, int row = 1) => new(code, message, column) { Row = row, Column = column };
}
