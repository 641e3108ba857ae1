using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Jobs.Model;

namespace ReturningAi.Jobs.Infrastructure.EntityConfigurations;

internal sealed class JobRowEntityTypeConfiguration : IEntityTypeConfiguration<JobRow>
{
    public void Configure(EntityTypeBuilder<JobRow> builder)
    {
        builder.ToTable("job_rows");
        builder.HasKey(r => new { r.JobId, r.Row });
        builder.Property(r => r.JobId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.Errors).HasColumnType("jsonb");
        builder.Property(r => r.Result).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.JobId, r.Status, r.Row });
        builder.HasOne<Job>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
