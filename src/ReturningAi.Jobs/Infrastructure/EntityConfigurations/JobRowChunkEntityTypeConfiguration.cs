using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Jobs.Model;

namespace ReturningAi.Jobs.Infrastructure.EntityConfigurations;

internal sealed class JobRowChunkEntityTypeConfiguration : IEntityTypeConfiguration<JobRowChunk>
{
    public void Configure(EntityTypeBuilder<JobRowChunk> builder)
    {
        builder.ToTable("job_row_chunks");
        builder.HasKey(c => new { c.JobId, c.FirstRow });
        builder.Property(c => c.JobId).HasMaxLength(24).IsFixedLength();
        builder.HasOne<Job>().WithMany().HasForeignKey(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
