namespace ReturningAi.Users.Csv;

/// <summary>The docs' operator words for a number field's column, lower case.</summary>
public static class UserCsvOperations
{
    public const string Add = "add";
    public const string Subtract = "subtract";
    public const string Overwrite = "overwrite";

    public static IReadOnlyList<string> All { get; } = [Add, Subtract, Overwrite];
}
