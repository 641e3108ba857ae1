using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class RedemptionStatusEntityTypeConfiguration : IEntityTypeConfiguration<RedemptionStatus>
{
    public const string OneDefaultIndex = "ix_redemption_statuses_one_default";

    public void Configure(EntityTypeBuilder<RedemptionStatus> builder)
    {
        builder.ToTable("redemption_statuses", table =>
            table.HasCheckConstraint("ck_redemption_statuses_refunding_not_default", "NOT (is_default AND refunds_points)"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(s => s.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.NormalizedName).HasMaxLength(200);
        builder.Property(s => s.Category).HasMaxLength(16).HasDefaultValue("incomplete");
        builder.Property(s => s.Color).HasMaxLength(7);
        builder.HasIndex(s => new { s.CommunityId, s.NormalizedName }).IsUnique();
        // At most one default a community; the store makes one lazily, so there is always exactly one.
        builder.HasIndex(s => s.CommunityId).IsUnique().HasFilter("is_default").HasDatabaseName(OneDefaultIndex);
    }
}
