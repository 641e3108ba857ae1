using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.Users;
using ReturningAi.Users.Accounts;
using ReturningAi.Users.Csv;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Members;

/// <summary>
/// One row of a users job (events-and-jobs.md section 3): creates or updates the user its email names, through
/// the same code as the API (<see cref="UserCreation"/>, <see cref="UserEdits"/>, <see cref="LabelChanges"/>),
/// with history source <c>bulk</c>. Each row stands alone: its effect and its <see cref="BulkRowResult"/> commit
/// together, a refusal rolls the effect back and records the failure, and a row sent again answers what was recorded.
/// </summary>
internal static class UserRowImport
{
    private const string ResultKey = "pk_bulk_row_results";

    /// <summary>A chunk's rows in order, each applied once; the header was checked at upload, and a chunk that fails it now applies nothing.</summary>
    public static async Task<JobRowsApplied> ApplyChunkAsync(CommunityDbContext db, ApplyUserRows command, CancellationToken cancellationToken)
    {
        var headerErrors = new List<ErrorItem>();
        var header = UserCsvHeader.Read(command.Header, headerErrors);
        if (headerErrors.Count > 0) return new JobRowsApplied([.. command.Rows.Select(r => new JobRowResult(r.Row, RowStatuses.Failed, headerErrors, null))]);

        // One connection for the chunk: closed between rows, each row's statements would pay the pool's reset.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var creator = await Creators.ForApiKeyAsync(db, command.ApiKeyId, cancellationToken);
            var recorded = await RecordedAsync(db, command.JobId, command.Rows, cancellationToken);
            // The columns' fields, read once: each row's write share-locks and checks again the fields it sets (LockedFields).
            var fields = await UserFields.AllAsync(db, command.CommunityId, cancellationToken);
            var results = new List<JobRowResult>(command.Rows.Count);
            foreach (var row in command.Rows)
            {
                results.Add(recorded.TryGetValue(row.Row, out var before)
                    ? before
                    : await ApplyOnceAsync(db, command, header, row, fields, creator, cancellationToken));
            }

            return new JobRowsApplied(results);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The row, applied and recorded in one transaction, or its refusal recorded; the recorded result if another delivery was first.</summary>
    private static async Task<JobRowResult> ApplyOnceAsync(CommunityDbContext db, ApplyUserRows command, UserCsvHeader header, CsvRowCells cells,
        IReadOnlyList<UserField> fields, CreatorInfo creator, CancellationToken cancellationToken)
    {
        JobRowResult failed;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                var result = await ApplyAsync(db, command.CommunityId, header, cells, fields, creator, cancellationToken);
                Record(db, command, result);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return result;
            }
            catch (RefusedException refused)
            {
                failed = Failed(cells.Row, refused.Errors, header);
            }
            catch (Exception exception) when (PostgresErrors.IsUniqueViolation(exception, ResultKey))
            {
                // The same row, sent again, was applied meanwhile by another delivery: answer its result.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await RecordedAsync(db, command.JobId, cells.Row, cancellationToken);
            }
            catch (Exception exception) when (MemberTransactions.Conflict(exception) is { } conflict)
            {
                failed = Failed(cells.Row, [conflict], header);
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        try
        {
            Record(db, command, failed);
            await db.SaveChangesAsync(cancellationToken);
            return failed;
        }
        catch (Exception exception) when (PostgresErrors.IsUniqueViolation(exception, ResultKey))
        {
            return await RecordedAsync(db, command.JobId, cells.Row, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<JobRowResult> ApplyAsync(CommunityDbContext db, string communityId, UserCsvHeader header, CsvRowCells cells,
        IReadOnlyList<UserField> fields, CreatorInfo creator, CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        var row = UserCsvRowReader.Read(header, cells.Row, cells.Cells, errors) ?? throw RefusedException.Invalid(errors);
        // The live user with the email: one deleted meanwhile is not, and the row creates a user (it needs a username).
        var user = await UserFinder.LockLiveByEmailAsync(db, communityId, row.Email, cancellationToken);
        var assignments = new List<FieldAssignment>();
        foreach (var cell in row.Fields)
        {
            if (await AssignmentAsync(db, user, fields, cell, row.Row, errors, cancellationToken) is { } assignment) assignments.Add(assignment);
        }

        if (errors.Count > 0) throw RefusedException.Invalid(errors);
        var username = row.Username?.Normalize(NormalizationForm.FormC);
        if (username is not null && (username.Length > UserRules.MaxUsernameLength || !TextCharacters.AreAllowedInName(username)))
        {
            throw RefusedException.Invalid([UserCsvRowReader.Error("invalid_username",
                $"A username is 1–{UserRules.MaxUsernameLength} characters and {TextCharacters.NameRule}.", row.Row, "username")]);
        }

        if (user is null)
        {
            if (username is null)
            {
                throw RefusedException.Invalid([UserCsvRowReader.Error("missing_username",
                    $"No user has the email '{row.Email}', and a new user needs a username.", row.Row, "username")]);
            }

            var input = new UserInput { Username = username, Email = row.Email, Roles = row.Roles, Tags = row.Tags, CustomFields = assignments };
            var created = await UserCreation.CreateAsync(db, communityId, input, creator, HistorySources.Bulk, cancellationToken);
            return new JobRowResult(row.Row, RowStatuses.Created, [], created.Id);
        }

        await UserEdits.ApplyAsync(db, communityId, user.Id, new UserInput { Username = username, CustomFields = assignments }, creator,
            HistorySources.Bulk, cancellationToken);
        if (row.Roles is not null) await LabelChanges.ApplyAsync(db, communityId, user.Id, ReferenceDataChanged.Role, new LabelChange([], [], row.Roles), cancellationToken);
        if (row.Tags is not null) await LabelChanges.ApplyAsync(db, communityId, user.Id, ReferenceDataChanged.Tag, new LabelChange([], [], row.Tags), cancellationToken);
        return new JobRowResult(row.Row, RowStatuses.Updated, [], user.Id);
    }

    /// <summary>A field cell as the value it sets: typed by the field, and for <c>add</c>/<c>subtract</c> the user's number (0 when unset) changed by it.</summary>
    private static async Task<FieldAssignment?> AssignmentAsync(CommunityDbContext db, User? user, IReadOnlyList<UserField> fields, UserCsvFieldCell cell,
        int row, List<ErrorItem> errors, CancellationToken cancellationToken)
    {
        var field = fields.FirstOrDefault(f => UserFields.Known(f).IsNamedBy(cell.Field))
            ?? fields.FirstOrDefault(f => string.Equals(f.Name.Trim(), cell.Field, StringComparison.OrdinalIgnoreCase));
        if (field is null)
        {
            errors.Add(UserCsvRowReader.Error("unknown_user_field", $"'{cell.Field}' is not a user field of this community.", row, cell.Column));
            return null;
        }

        if (!UserFieldValueRules.TryParse(new UserFieldShape(field.Key, field.Type, field.Options), cell.Text, out var value, out var problem))
        {
            errors.Add(UserCsvRowReader.Error("invalid_field_value", problem, row, cell.Column));
            return null;
        }

        if (cell.Operation != UserCsvOperations.Overwrite)
        {
            if (field.Type != UserFieldTypes.Number)
            {
                errors.Add(UserCsvRowReader.Error("invalid_operation", $"'{cell.Operation}' applies to number fields only; '{field.Key}' is {field.Type}.",
                    row, cell.Column + UserCsvHeader.OperationSuffix));
                return null;
            }

            var current = user is null ? 0m : await CurrentNumberAsync(db, user.Id, field.Id, cancellationToken);
            value = FieldValue.OfNumber(cell.Operation == UserCsvOperations.Add ? current + value!.Number!.Value : current - value!.Number!.Value);
        }

        return new FieldAssignment(field.Key, JsonSerializer.SerializeToElement(value!.ToJson()), cell.Column, cell.Column);
    }

    private static async Task<decimal> CurrentNumberAsync(CommunityDbContext db, string userId, string fieldId, CancellationToken cancellationToken) =>
        await db.UserFieldValues.Where(v => v.UserId == userId && v.FieldId == fieldId).Select(v => v.NumberValue).FirstOrDefaultAsync(cancellationToken) ?? 0m;

    private static void Record(CommunityDbContext db, ApplyUserRows command, JobRowResult result) =>
        db.BulkRowResults.Add(new BulkRowResult
        {
            JobId = command.JobId,
            Row = result.Row,
            CommunityId = command.CommunityId,
            Status = result.Status,
            UserId = result.UserId,
            Errors = JsonSerializer.Serialize(result.Errors, JsonSerializerOptions.Web),
        });

    /// <summary>The result another delivery recorded for the row (it won the row's key).</summary>
    private static async Task<JobRowResult> RecordedAsync(CommunityDbContext db, string jobId, int row, CancellationToken cancellationToken) =>
        ToResult(await db.BulkRowResults.AsNoTracking().SingleAsync(r => r.JobId == jobId && r.Row == row, cancellationToken));

    /// <summary>The results an earlier delivery recorded for the chunk's rows, by row, read by the chunk's row range (nothing on a first delivery).</summary>
    private static async Task<Dictionary<int, JobRowResult>> RecordedAsync(CommunityDbContext db, string jobId, IReadOnlyList<CsvRowCells> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var (first, last) = (rows.Min(r => r.Row), rows.Max(r => r.Row));
        var recorded = await db.BulkRowResults.AsNoTracking().Where(r => r.JobId == jobId && r.Row >= first && r.Row <= last).ToListAsync(cancellationToken);
        return recorded.ToDictionary(r => r.Row, ToResult);
    }

    private static JobRowResult ToResult(BulkRowResult recorded) =>
        new(recorded.Row, recorded.Status, JsonSerializer.Deserialize<List<ErrorItem>>(recorded.Errors, JsonSerializerOptions.Web)!, recorded.UserId);

    /// <summary>The refusal as the row's errors: each with the row and the column it is about, in the job's codes.</summary>
    private static JobRowResult Failed(int row, IReadOnlyList<ErrorItem> errors, UserCsvHeader header) =>
        new(row, RowStatuses.Failed, [.. errors.Select(e =>
        {
            var column = e.Column ?? ColumnOf(e.Field, header);
            return e with { Code = e.Code == "duplicate_name" ? "duplicate_username" : e.Code, Field = column, Row = row, Column = column, Index = null };
        })], null);

    /// <summary>The column a path of the API's errors is about: <c>roles[2]</c> is the roles column, <c>username</c> the username column.</summary>
    private static string? ColumnOf(string? field, UserCsvHeader header)
    {
        if (field is null) return null;
        var root = field.Split('[', '.')[0];
        var kind = root switch
        {
            "roles" => UserCsvColumnKind.Roles,
            "tags" => UserCsvColumnKind.Tags,
            "username" => UserCsvColumnKind.Username,
            "email" => UserCsvColumnKind.Email,
            _ => (UserCsvColumnKind?)null,
        };
        return kind is null
            ? header.Columns.FirstOrDefault(c => string.Equals(c?.Header, field, StringComparison.OrdinalIgnoreCase))?.Header
            : header.Columns.FirstOrDefault(c => c?.Kind == kind)?.Header ?? root;
    }
}
