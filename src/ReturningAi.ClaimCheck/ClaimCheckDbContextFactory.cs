using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReturningAi.ClaimCheck;

/// <summary>For <c>dotnet ef migrations add</c> only: the library has no host of its own to build the context.</summary>
public sealed class ClaimCheckDbContextFactory : IDesignTimeDbContextFactory<ClaimCheckDbContext>
{
    public ClaimCheckDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ClaimCheckDbContext>().UseNpgsql("Host=127.0.0.1;Database=messagedatadb").Options);
}
