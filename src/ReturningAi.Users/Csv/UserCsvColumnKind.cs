namespace ReturningAi.Users.Csv;

/// <summary>What a column of a users CSV holds.</summary>
public enum UserCsvColumnKind
{
    Email,
    Username,
    Roles,
    Tags,
    /// <summary>A custom field, by its key or name.</summary>
    Field,
    /// <summary><c>&lt;name&gt;_op</c>: how the number of field <c>name</c> changes.</summary>
    Operation,
    /// <summary>The <c>error</c> column of an errors file sent back as it is.</summary>
    Ignored,
}
