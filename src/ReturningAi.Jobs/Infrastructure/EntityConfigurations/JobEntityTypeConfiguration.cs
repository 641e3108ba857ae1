using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Jobs.Model;

namespace ReturningAi.Jobs.Infrastructure.EntityConfigurations;

internal sealed class JobEntityTypeConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(j => j.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(j => j.ApiKeyId).HasMaxLength(24).IsFixedLength();
        builder.Property(j => j.Type).HasMaxLength(16);
        builder.Property(j => j.State).HasMaxLength(24);
        builder.Property(j => j.FileName).HasMaxLength(255);
        builder.Property(j => j.Options).HasColumnType("jsonb");
        builder.Property(j => j.ErrorCode).HasMaxLength(64);
        builder.Property(j => j.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(j => new { j.CommunityId, j.CreatedAt });
        // What a worker looks for: queued jobs, and running ones whose lease may have lapsed.
        builder.HasIndex(j => new { j.State, j.CreatedAt }).HasFilter($"state IN ('{JobStates.Queued}', '{JobStates.Running}')");
        // Jobs of one type run one at a time in a community (users and currency rows apply in file order).
        builder.HasIndex(j => new { j.CommunityId, j.Type }).IsUnique().HasFilter($"state = '{JobStates.Running}'").HasDatabaseName("ux_jobs_one_running");
    }
}
