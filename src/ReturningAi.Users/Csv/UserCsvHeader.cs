using ReturningAi.Contracts.Http;
using ReturningAi.Csv;

namespace ReturningAi.Users.Csv;

/// <summary>
/// The header of a users CSV (events-and-jobs.md section 3): <c>email</c> (required), <c>username</c>, <c>roles</c>,
/// <c>tags</c>, any other column a custom field by its key or name, <c>&lt;name&gt;_op</c> beside a field column, and
/// <c>error</c> ignored. Names match case-insensitively after trimming; whether a field column names a field of
/// the community is the owner's question (<see cref="FieldColumns"/>).
/// </summary>
public sealed class UserCsvHeader
{
    public const string OperationSuffix = "_op";
    public const string ErrorColumn = "error";

    private static readonly Dictionary<string, UserCsvColumnKind> Fixed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = UserCsvColumnKind.Email,
        ["username"] = UserCsvColumnKind.Username,
        ["roles"] = UserCsvColumnKind.Roles,
        ["tags"] = UserCsvColumnKind.Tags,
        [ErrorColumn] = UserCsvColumnKind.Ignored,
    };

    private UserCsvHeader(IReadOnlyList<UserCsvColumn?> columns) => Columns = columns;

    /// <summary>By position in the file; null for a trailing empty header cell.</summary>
    public IReadOnlyList<UserCsvColumn?> Columns { get; }

    public IReadOnlyList<string> FieldColumns => [.. Columns.Where(c => c?.Kind == UserCsvColumnKind.Field).Select(c => c!.Field!)];

    public IReadOnlyList<string> OperationColumns => [.. Columns.Where(c => c?.Kind == UserCsvColumnKind.Operation).Select(c => c!.Field!)];

    /// <summary>The header as far as it reads, with its problems (row 1, each with its column) in <paramref name="errors"/>.</summary>
    public static UserCsvHeader Read(IReadOnlyList<string> names, List<ErrorItem> errors)
    {
        var columns = new UserCsvColumn?[names.Count];
        var seen = CsvHeaderNames.Read(names, errors, (i, header) => columns[i] = Fixed.TryGetValue(header, out var kind)
            ? new UserCsvColumn(header, kind)
            : header.EndsWith(OperationSuffix, StringComparison.OrdinalIgnoreCase) && header.Length > OperationSuffix.Length
                ? new UserCsvColumn(header, UserCsvColumnKind.Operation, header[..^OperationSuffix.Length])
                : new UserCsvColumn(header, UserCsvColumnKind.Field, header));

        var fields = columns.Where(c => c?.Kind == UserCsvColumnKind.Field).Select(c => c!.Field!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var operation in columns.Where(c => c?.Kind == UserCsvColumnKind.Operation))
        {
            if (!fields.Contains(operation!.Field!))
            {
                errors.Add(Error("unknown_column", $"'{operation.Header}' sets how the column '{operation.Field}' changes, but the file has no such column.",
                    operation.Header));
            }
        }

        if (!seen.Contains("email"))
        {
            errors.Add(Error("missing_column", "The file needs an email column: rows create or update users by email.", "email"));
        }

        return new UserCsvHeader(columns);
    }

    private static ErrorItem Error(string code, string message, string column) => CsvHeaderNames.Error(code, message, column);
}
