using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class BulkRowMarkerEntityTypeConfiguration : IEntityTypeConfiguration<BulkRowMarker>
{
    public void Configure(EntityTypeBuilder<BulkRowMarker> builder)
    {
        builder.ToTable("bulk_row_markers");
        builder.HasKey(r => new { r.JobId, r.Row });
        builder.Property(r => r.JobId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.TransactionId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.ProductId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.Balance).HasPrecision(20, 2);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.Errors).HasColumnType("jsonb");
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
        // Jobs are kept 30 days; their markers go after them.
        builder.HasIndex(r => r.CreatedAt);
    }
}
