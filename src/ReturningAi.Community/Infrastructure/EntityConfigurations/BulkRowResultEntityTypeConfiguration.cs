using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class BulkRowResultEntityTypeConfiguration : IEntityTypeConfiguration<BulkRowResult>
{
    public void Configure(EntityTypeBuilder<BulkRowResult> builder)
    {
        builder.ToTable("bulk_row_results");
        builder.HasKey(r => new { r.JobId, r.Row });
        builder.Property(r => r.JobId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.Errors).HasColumnType("jsonb");
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
        // Jobs are kept 30 days; their markers go after them.
        builder.HasIndex(r => r.CreatedAt);
    }
}
