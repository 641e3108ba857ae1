namespace ReturningAi.Users.Csv;

/// <summary>One column of a users CSV: its header as written, its kind and, for fields and operations, the field it names.</summary>
public sealed record UserCsvColumn(string Header, UserCsvColumnKind Kind, string? Field = null);
