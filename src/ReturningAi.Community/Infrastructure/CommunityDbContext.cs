using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.Community.Model;
using ReturningAi.Messaging;

namespace ReturningAi.Community.Infrastructure;

public sealed class CommunityDbContext(DbContextOptions<CommunityDbContext> options) : DbContext(options)
{
    public DbSet<Model.Community> Communities => Set<Model.Community>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Label> Labels => Set<Label>();
    public DbSet<User> Users => Set<User>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommunityDbContext).Assembly).AddIdempotencyRecords().AddOutbox();
}
