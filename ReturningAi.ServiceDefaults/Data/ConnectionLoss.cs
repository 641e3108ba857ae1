using Npgsql;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// A database connection that broke or that the server ended, and what follows from it: every idle connection of the
/// pool died with it. Used by <see cref="ConnectionLossRetryMiddleware"/> for requests and by consumers and
/// background loops for their own retries.
/// </summary>
public static class ConnectionLoss
{
    /// <summary>Every pool's idle connections are dropped, so that the next try opens fresh ones.</summary>
    public static void ClearPools() => NpgsqlConnection.ClearAllPools();

    /// <summary>
    /// For work outside a request (consumers, background loops): when <paramref name="exception"/> is a lost connection,
    /// the pool's other idle connections died with it, so the pools are cleared and the next try opens fresh ones
    /// instead of meeting one dead connection per try.
    /// </summary>
    public static void ClearPoolsIfLost(Exception exception)
    {
        if (Is(exception)) ClearPools();
    }

    /// <summary>A connection that broke or that the server closed (shutdown, restart, crash recovery), anywhere in the chain.</summary>
    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                if (postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow) return true;
            }
            else if (current is NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or EndOfStreamException })
            {
                return true;
            }
        }

        return false;
    }
}
