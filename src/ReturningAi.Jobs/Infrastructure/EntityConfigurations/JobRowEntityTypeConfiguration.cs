using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Jobs.Model;

namespace ReturningAi.Jobs.Infrastructure.EntityConfigurations;

/// <summary>The rows of the <c>job_rows</c> view (created by the migration JobRowChunks): each chunk's arrays unnested.</summary>
internal sealed class JobRowEntityTypeConfiguration : IEntityTypeConfiguration<JobRow>
{
    public void Configure(EntityTypeBuilder<JobRow> builder)
    {
        builder.ToView("job_rows");
        builder.HasNoKey();
        builder.Property(r => r.JobId).HasMaxLength(24).IsFixedLength();
    }
}
