using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class LabelEntityTypeConfiguration : IEntityTypeConfiguration<Label>
{
    public void Configure(EntityTypeBuilder<Label> builder)
    {
        builder.ToTable("labels");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(l => l.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(l => l.Kind).HasMaxLength(16);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.NormalizedName).HasMaxLength(200);
        builder.HasIndex(l => new { l.CommunityId, l.Kind, l.NormalizedName }).IsUnique();
        builder.HasOne<Model.Community>().WithMany().HasForeignKey(l => l.CommunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
