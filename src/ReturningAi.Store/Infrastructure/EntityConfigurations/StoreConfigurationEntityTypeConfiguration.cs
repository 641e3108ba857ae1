using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class StoreConfigurationEntityTypeConfiguration : IEntityTypeConfiguration<StoreConfiguration>
{
    public void Configure(EntityTypeBuilder<StoreConfiguration> builder)
    {
        builder.ToTable("store_configurations");
        builder.HasKey(c => c.CommunityId);
        builder.Property(c => c.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(c => c.Id).HasMaxLength(24).IsFixedLength().IsRequired();
        builder.HasIndex(c => c.Id).IsUnique();
        builder.Property(c => c.Title).HasMaxLength(32);
        builder.Property(c => c.Description).HasMaxLength(1000);
        builder.Property(c => c.Cover).HasColumnType("jsonb");
        builder.Property(c => c.Currency).HasColumnType("jsonb");
        builder.Property(c => c.CallToAction).HasColumnType("jsonb");
        builder.Property(c => c.I18n).HasColumnType("jsonb");
    }
}
