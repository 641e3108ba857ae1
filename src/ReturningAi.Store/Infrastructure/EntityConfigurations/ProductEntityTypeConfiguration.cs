using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class ProductEntityTypeConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(p => p.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(p => p.CategoryId).HasMaxLength(24).IsFixedLength();
        builder.Property(p => p.PurchaseStatusOverrideId).HasMaxLength(24).IsFixedLength();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.UserInformation).HasColumnType("jsonb");
        builder.Property(p => p.ExpiringVoucherHighlight).HasColumnType("jsonb");
        builder.Property(p => p.ProductPermission).HasColumnType("jsonb");
        // A category or status that products use cannot be deleted (409), so the keys restrict.
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RedemptionStatus>().WithMany().HasForeignKey(p => p.PurchaseStatusOverrideId).OnDelete(DeleteBehavior.Restrict);
        // Lists are per community, newest first.
        builder.HasIndex(p => new { p.CommunityId, p.CreatedAt });
    }
}
