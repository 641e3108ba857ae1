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
        builder.Property(v => v.Code).HasMaxLength(128);
        builder.HasOne<Product>().WithMany().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
