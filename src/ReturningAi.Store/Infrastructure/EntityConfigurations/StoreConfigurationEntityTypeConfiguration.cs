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
        builder.Property(c => c.CurrencyName).HasMaxLength(100);
    }
}
