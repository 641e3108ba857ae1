using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Jobs.Model;

namespace ReturningAi.Jobs.Infrastructure.EntityConfigurations;

internal sealed class JobFileEntityTypeConfiguration : IEntityTypeConfiguration<JobFile>
{
    public void Configure(EntityTypeBuilder<JobFile> builder)
    {
        builder.ToTable("job_files");
        builder.HasKey(f => f.JobId);
        builder.Property(f => f.JobId).HasMaxLength(24).IsFixedLength();
        builder.HasOne<Job>().WithOne().HasForeignKey<JobFile>(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
