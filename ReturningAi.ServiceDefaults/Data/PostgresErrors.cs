using Npgsql;

namespace ReturningAi.ServiceDefaults.Data;

public static class PostgresErrors
{
    /// <summary>True when a unique constraint refused the write; <paramref name="constraint"/> narrows it to one.</summary>
    public static bool IsUniqueViolation(Exception exception, string? constraint = null)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
                && (constraint is null || pg.ConstraintName == constraint))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsForeignKeyViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation }) return true;
        }

        return false;
    }
}
