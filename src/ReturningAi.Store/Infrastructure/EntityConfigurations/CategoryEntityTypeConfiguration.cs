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
        builder.Property(c => c.CoverImage).HasMaxLength(2048);
        builder.Property(c => c.ViewType).HasMaxLength(16).HasDefaultValue("full");
        builder.Property(c => c.CategoryPermission).HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb");
        builder.Property(c => c.I18n).HasColumnType("jsonb").HasDefaultValueSql("""'{"isTranslationEnabled":false,"nameTranslations":[]}'::jsonb""");
        builder.Property(c => c.DefaultPurchaseStatusId).HasMaxLength(24).IsFixedLength();
        // A status that categories default to cannot be deleted, as for products' overrides.
        builder.HasOne<RedemptionStatus>().WithMany().HasForeignKey(c => c.DefaultPurchaseStatusId).OnDelete(DeleteBehavior.Restrict);
    }
}
