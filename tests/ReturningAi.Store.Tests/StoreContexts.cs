using Microsoft.EntityFrameworkCore;
using ReturningAi.Store.Infrastructure;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>A store context of the tests' own, on a database of the test server, outside any service.</summary>
internal static class StoreContexts
{
    public static StoreDbContext On(string database) => new(new DbContextOptionsBuilder<StoreDbContext>()
        .UseNpgsql(TestServers.PostgresConnectionString(database)).UseSnakeCaseNamingConvention().Options);
}
