namespace ReturningAi.Users.Csv;

/// <summary>A custom field cell of a row: the field named by its column, the cell's text and the operation (<c>overwrite</c> unless <c>_op</c> says).</summary>
public sealed record UserCsvFieldCell(string Field, string Column, string Text, string Operation);
