using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class VoucherEntityTypeConfiguration : IEntityTypeConfiguration<Voucher>
{
    public void Configure(EntityTypeBuilder<Voucher> builder)
    {
        builder.ToTable("vouchers");
        // The key is the invariant: a code exists once per product, whatever races to append it.
        builder.HasKey(v => new { v.ProductId, v.Code });
        builder.Property(v => v.ProductId).HasMaxLength(24).IsFixedLength();
        builder.Property(v => v.CommunityId).HasMaxLength(24).IsFixedLength();
        // Purchase-history edits may give a sold voucher a code of up to 512 characters (rewards.md §6).
        builder.Property(v => v.Code).HasMaxLength(512);
        builder.Property(v => v.Id).UseIdentityByDefaultColumn();
        builder.Property(v => v.OrderId).HasMaxLength(24).IsFixedLength();
        builder.HasOne<Product>().WithMany().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        // A voucher is in at most one order.
        builder.HasIndex(v => v.OrderId).IsUnique().HasFilter("order_id IS NOT NULL");
        // A purchase takes the first unassigned voucher in the product's order: the one added first, or the
        // one expiring first; both walks start at the right row instead of scanning the product's vouchers.
        builder.HasIndex(v => new { v.ProductId, v.Id }).HasFilter("order_id IS NULL").HasDatabaseName("ix_vouchers_unassigned_by_added");
        builder.HasIndex(v => new { v.ProductId, v.ExpireDate, v.Code }).HasFilter("order_id IS NULL").HasDatabaseName("ix_vouchers_unassigned_by_expiry");
    }
}
