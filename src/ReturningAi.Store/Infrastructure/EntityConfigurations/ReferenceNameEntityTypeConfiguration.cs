using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class ReferenceNameEntityTypeConfiguration : IEntityTypeConfiguration<ReferenceName>
{
    public void Configure(EntityTypeBuilder<ReferenceName> builder)
    {
        builder.ToTable("reference_names");
        builder.HasKey(r => new { r.CommunityId, r.Kind, r.Id });
        builder.Property(r => r.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.HasIndex(r => new { r.CommunityId, r.Kind, r.NormalizedName });
    }
}
