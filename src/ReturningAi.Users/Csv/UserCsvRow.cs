namespace ReturningAi.Users.Csv;

/// <summary>
/// One row of a users CSV as read: the email that names the user, and only what the row changes (an empty
/// cell changes nothing). <see cref="Fields"/> keep the cell's text: its type is the field's, which the owner knows.
/// </summary>
public sealed record UserCsvRow(
    int Row,
    string Email,
    string? Username,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<UserCsvFieldCell> Fields);
