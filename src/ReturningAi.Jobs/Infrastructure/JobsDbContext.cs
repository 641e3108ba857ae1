using Microsoft.EntityFrameworkCore;
using ReturningAi.Jobs.Model;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Idempotency;

namespace ReturningAi.Jobs.Infrastructure;

public sealed class JobsDbContext(DbContextOptions<JobsDbContext> options) : DbContext(options)
{
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobFile> JobFiles => Set<JobFile>();
    public DbSet<JobRow> JobRows => Set<JobRow>();
    public DbSet<JobRowChunk> JobRowChunks => Set<JobRowChunk>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JobsDbContext).Assembly).AddIdempotencyRecords().AddOutbox();
}
