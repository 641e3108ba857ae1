using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Community.Members;

/// <summary>
/// Runs a write in one transaction (or a savepoint of the request's): committed when it returns, rolled back when it is refused
/// (<see cref="RefusedException"/>) or a unique index refuses it, which becomes the contract's 409.
/// Unique indexes decide races; the checks before them only make the common case's answer precise.
/// </summary>
internal static class MemberTransactions
{
    private static readonly Dictionary<string, (string Code, string Field, string Message)> UniqueConstraints = new(StringComparer.Ordinal)
    {
        ["ux_users_live_username"] = ("duplicate_name", "username", "This username is already used by a user of this community."),
        ["ux_users_live_email"] = ("duplicate_email", "email", "This email is already used by a user of this community."),
        ["ux_user_field_values_unique"] = ("duplicate_value", "value", "Another user already holds this value of a unique field."),
        ["ux_user_field_history_reference"] = ("duplicate_reference", "reference", "This reference was already used for this user and field."),
        ["ix_user_fields_community_id_normalized_key"] = ("duplicate_name", "field", "A user field with this key already exists."),
    };

    public static async Task<IResult> RunAsync(HttpContext http, CommunityDbContext db, Func<Task<IResult>> write, CancellationToken cancellationToken)
    {
        // Joins the transaction of a keyed request (IdempotencyKeys.CarryOutAsync) with a savepoint, so that its key
        // completes with this write, or with its refusal when the savepoint was rolled back.
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        try
        {
            var result = await write();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (RefusedException refused)
        {
            db.ChangeTracker.Clear();
            return ApiErrors.Result(http, refused.StatusCode, refused.Message, refused.Errors);
        }
        catch (Exception exception) when (Conflict(exception) is { } conflict)
        {
            db.ChangeTracker.Clear();
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, conflict.Message, [conflict]);
        }
    }

    /// <summary>The 409 for a unique index that refused a write, or null when it was another failure.</summary>
    public static ErrorItem? Conflict(Exception exception)
    {
        foreach (var (constraint, (code, field, message)) in UniqueConstraints)
        {
            if (PostgresErrors.IsUniqueViolation(exception, constraint)) return new ErrorItem(code, message, field);
        }

        return null;
    }
}
