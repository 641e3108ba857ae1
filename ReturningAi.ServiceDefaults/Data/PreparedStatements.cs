using Npgsql;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// A service's connection string with Npgsql's automatic preparation on, unless it sets its own <c>Max Auto Prepare</c>: a
/// service's hot paths send the same statements over and over (a purchase a dozen, a users job's row ~15), and prepared on
/// each connection once, PostgreSQL no longer parses and plans them every time.
/// </summary>
public static class PreparedStatements
{
    public const int MaxAutoPrepare = 128;

    public static string? On(string? connectionString)
    {
        if (connectionString is null) return null;
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0) settings.MaxAutoPrepare = MaxAutoPrepare;
        return settings.ConnectionString;
    }
}
