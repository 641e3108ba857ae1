using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Data;

public static class DbContextExtensions
{
    /// <summary>False when a unique index refused the write (a name already taken): the index decides, not a racy look-up.</summary>
    public static async Task<bool> TrySaveUniqueAsync(this DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (PostgresErrors.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    /// <summary>
    /// The Npgsql transaction under the context's current one, for statements sent beside EF (batches, COPY) in the same
    /// transaction; <paramref name="withoutOne"/> says why the caller needs one, and is thrown when there is none.
    /// </summary>
    public static NpgsqlTransaction RequireNpgsqlTransaction(this DatabaseFacade database, string withoutOne) =>
        (NpgsqlTransaction)(database.CurrentTransaction ?? throw new InvalidOperationException(withoutOne)).GetDbTransaction();

    /// <summary>The contract's 409 for a name that must be unique in the community.</summary>
    public static IResult NameTaken(HttpContext http, string name, string field = "name") =>
        ApiErrors.Result(http, StatusCodes.Status409Conflict, "duplicate_name", $"'{name}' is already used in this community.", field);
}
