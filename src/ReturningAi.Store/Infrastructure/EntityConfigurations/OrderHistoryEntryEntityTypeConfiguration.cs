using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class OrderHistoryEntryEntityTypeConfiguration : IEntityTypeConfiguration<OrderHistoryEntry>
{
    public void Configure(EntityTypeBuilder<OrderHistoryEntry> builder)
    {
        builder.ToTable("order_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.OrderId).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.CommunityId).HasMaxLength(24).IsFixedLength();
        // Statuses as they were named then: no keys, so a status only history mentions can be deleted.
        builder.Property(h => h.FromStatusId).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.FromStatusName).HasMaxLength(200);
        builder.Property(h => h.ToStatusId).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.ToStatusName).HasMaxLength(200);
        builder.Property(h => h.Note).HasMaxLength(1000);
        builder.Property(h => h.ApiKeyId).HasMaxLength(24).IsFixedLength();
        builder.HasOne<RedemptionOrder>().WithMany().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.OrderId, h.CreatedAt, h.Id });
    }
}
