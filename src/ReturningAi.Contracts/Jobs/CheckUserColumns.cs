namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// Asked of Community before a users job is accepted: do these custom field columns name fields of the
/// community, and do the <c>&lt;name&gt;_op</c> columns name number fields? Answered with <see cref="UserColumnsChecked"/>.
/// </summary>
public sealed record CheckUserColumns(string CommunityId, IReadOnlyList<string> FieldColumns, IReadOnlyList<string> OperationColumns)
{
    public const string EntityName = "BULK_EVENTS.CHECK_USER_COLUMNS";
}
