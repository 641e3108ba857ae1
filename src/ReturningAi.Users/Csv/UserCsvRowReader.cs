using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Users.Csv;

/// <summary>
/// Reads one record of a users CSV against its header: trimmed cells, the email checked
/// (<c>invalid_email</c>), operations checked (<c>invalid_operation</c>), lists split on commas. Problems
/// carry the row, the column (as <c>field</c> and <c>column</c>) and a message that names the value.
/// </summary>
public static class UserCsvRowReader
{
    public static UserCsvRow? Read(UserCsvHeader header, int row, IReadOnlyList<string> cells, List<ErrorItem> errors)
    {
        var start = errors.Count;
        string? email = null, username = null;
        IReadOnlyList<string>? roles = null, tags = null;
        var operations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var values = new List<(UserCsvColumn Column, string Text)>();
        for (var i = 0; i < cells.Count; i++)
        {
            var text = cells[i].Trim();
            if (i >= header.Columns.Count || header.Columns[i] is not { } column)
            {
                if (text.Length > 0)
                {
                    errors.Add(new ErrorItem("unexpected_cell", $"Line {row} has more cells than the header.", null) { Row = row });
                    break;
                }

                continue;
            }

            if (!TextCharacters.AreAllowed(text))
            {
                errors.Add(Error("invalid_character", $"The cell {TextCharacters.Rule}.", row, column.Header));
                continue;
            }

            if (text.Length == 0) continue;
            switch (column.Kind)
            {
                case UserCsvColumnKind.Email:
                    email = text;
                    break;
                case UserCsvColumnKind.Username:
                    username = text;
                    break;
                case UserCsvColumnKind.Roles:
                    roles = List(text);
                    break;
                case UserCsvColumnKind.Tags:
                    tags = List(text);
                    break;
                case UserCsvColumnKind.Operation:
                    var operation = text.ToLowerInvariant();
                    if (UserCsvOperations.All.Contains(operation, StringComparer.Ordinal)) operations[column.Field!] = operation;
                    else errors.Add(Error("invalid_operation", $"'{text}' is not an operation; use add, subtract or overwrite.", row, column.Header));
                    break;
                case UserCsvColumnKind.Field:
                    values.Add((column, text));
                    break;
            }
        }

        if (email is null)
        {
            errors.Add(Error("invalid_email", "The cell is empty; every row names its user by email.", row, "email"));
        }
        else if (!UserRules.IsEmail(email))
        {
            errors.Add(Error("invalid_email", $"'{email}' is not an email address.", row, "email"));
        }

        if (errors.Count > start) return null;
        var fields = values.Select(v => new UserCsvFieldCell(v.Column.Field!, v.Column.Header, v.Text,
            operations.GetValueOrDefault(v.Column.Field!, UserCsvOperations.Overwrite))).ToList();
        return new UserCsvRow(row, email!, username, roles, tags, fields);
    }

    private static string[] List(string cell) => cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static ErrorItem Error(string code, string message, int row, string column) => new(code, message, column) { Row = row, Column = column };
}
