using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class RedemptionStatusEntityTypeConfiguration : IEntityTypeConfiguration<RedemptionStatus>
{
    public void Configure(EntityTypeBuilder<RedemptionStatus> builder)
    {
        builder.ToTable("redemption_statuses");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(s => s.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.NormalizedName).HasMaxLength(200);
        builder.HasIndex(s => new { s.CommunityId, s.NormalizedName }).IsUnique();
    }
}
