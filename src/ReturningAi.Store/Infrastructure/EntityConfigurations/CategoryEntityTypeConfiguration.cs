using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class CategoryEntityTypeConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(c => c.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.NormalizedName).HasMaxLength(200);
        builder.HasIndex(c => new { c.CommunityId, c.NormalizedName }).IsUnique();
    }
}
