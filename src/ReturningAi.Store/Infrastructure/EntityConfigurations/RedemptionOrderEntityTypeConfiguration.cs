using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class RedemptionOrderEntityTypeConfiguration : IEntityTypeConfiguration<RedemptionOrder>
{
    public const string OrderNumberIndex = "ix_redemption_orders_community_id_order_number";

    public void Configure(EntityTypeBuilder<RedemptionOrder> builder)
    {
        builder.ToTable("redemption_orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(o => o.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(o => o.OrderNumber).HasMaxLength(19);
        builder.Property(o => o.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(o => o.Username).HasMaxLength(100);
        builder.Property(o => o.Email).HasMaxLength(320);
        // No key to products: deleting a product keeps its orders.
        builder.Property(o => o.ProductId).HasMaxLength(24).IsFixedLength();
        builder.Property(o => o.ProductName).HasMaxLength(200);
        builder.Property(o => o.ProductCategory).HasMaxLength(200);
        builder.Property(o => o.VoucherCode).HasMaxLength(512);
        builder.Property(o => o.PricePaid).HasPrecision(20, 2);
        builder.Property(o => o.PriceSource).HasMaxLength(16);
        builder.Property(o => o.CurrencyName).HasMaxLength(32);
        builder.Property(o => o.StatusId).HasMaxLength(24).IsFixedLength();
        builder.Property(o => o.UserInformation).HasColumnType("jsonb");
        builder.Property(o => o.ApiKeyId).HasMaxLength(24).IsFixedLength();
        // A status that orders are in cannot be deleted (409 redemption_status_in_use).
        builder.HasOne<RedemptionStatus>().WithMany().HasForeignKey(o => o.StatusId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.CommunityId, o.OrderNumber }).IsUnique().HasDatabaseName(OrderNumberIndex);
        // Lists: the community's newest first, or one user's, one product's (also totalOrders), one status's.
        builder.HasIndex(o => new { o.CommunityId, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        builder.HasIndex(o => new { o.UserId, o.CreatedAt });
        builder.HasIndex(o => new { o.ProductId, o.UserId, o.CreatedAt });
        builder.HasIndex(o => o.StatusId);
    }
}
