using MassTransit;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Users.Csv;
using ReturningAi.Users.Fields;

namespace ReturningAi.Community.Consumers;

/// <summary>Before a users job is accepted: its custom field columns must name the community's fields, its <c>_op</c> columns number fields.</summary>
public sealed class CheckUserColumnsConsumer(CommunityDbContext db) : IConsumer<CheckUserColumns>
{
    public async Task Consume(ConsumeContext<CheckUserColumns> context)
    {
        var command = context.Message;
        var fields = await UserFields.AllAsync(db, command.CommunityId, context.CancellationToken);
        var errors = new List<ErrorItem>();
        foreach (var column in command.FieldColumns)
        {
            var field = fields.FirstOrDefault(f => UserFields.Known(f).IsNamedBy(column))
                ?? fields.FirstOrDefault(f => string.Equals(f.Name.Trim(), column, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                errors.Add(new ErrorItem("unknown_column",
                    $"'{column}' is neither email, username, roles, tags nor a user field of this community.", column) { Row = 1, Column = column });
            }
            else if (command.OperationColumns.Contains(column, StringComparer.OrdinalIgnoreCase) && field.Type != UserFieldTypes.Number)
            {
                var header = column + UserCsvHeader.OperationSuffix;
                errors.Add(new ErrorItem("unknown_column", $"'{header}': only number fields take an operation; '{field.Key}' is {field.Type}.", header)
                {
                    Row = 1,
                    Column = header,
                });
            }
        }

        await context.RespondAsync(new UserColumnsChecked(errors));
    }
}
