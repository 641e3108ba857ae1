using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class CommunityEntityTypeConfiguration : IEntityTypeConfiguration<Model.Community>
{
    public void Configure(EntityTypeBuilder<Model.Community> builder)
    {
        builder.ToTable("communities");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Url).HasMaxLength(2048);
    }
}
