using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;

namespace ReturningAi.Community.Members;

/// <summary>
/// The database's clock, read inside the transaction after its locks are taken: of two serialized
/// writes to one user, the later one then never gets the earlier time (users.md: times are the database's).
/// </summary>
internal static class DatabaseClock
{
    public static async Task<DateTimeOffset> NowAsync(CommunityDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<DateTimeOffset>("SELECT clock_timestamp() AS \"Value\"").SingleAsync(cancellationToken);
}
