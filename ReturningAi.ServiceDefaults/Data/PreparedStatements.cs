using System.Data.Common;
using Npgsql;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// A service's connection string with Npgsql's automatic preparation on, unless it sets <c>Max Auto Prepare</c> itself
/// (0 turns it off): a service's hot paths send the same statements over and over (a purchase a dozen, a users job's row
/// ~15), and prepared on each connection (from a statement's fifth use), PostgreSQL parses them once and keeps one plan
/// where that plan is estimated no costlier than planning for the values.
/// </summary>
public static class PreparedStatements
{
    public const int MaxAutoPrepare = 128;

    public static string? On(string? connectionString)
    {
        if (connectionString is null) return null;
        // Npgsql's builder reads an absent setting as 0, which is also how a connection string turns preparation off.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }
}
