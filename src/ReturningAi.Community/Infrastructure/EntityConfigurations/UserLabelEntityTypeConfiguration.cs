using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class UserLabelEntityTypeConfiguration : IEntityTypeConfiguration<UserLabel>
{
    public void Configure(EntityTypeBuilder<UserLabel> builder)
    {
        builder.ToTable("user_labels");
        builder.HasKey(m => new { m.UserId, m.LabelId });
        builder.Property(m => m.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(m => m.LabelId).HasMaxLength(24).IsFixedLength();
        builder.Property(m => m.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(m => m.Kind).HasMaxLength(16);
        // Users holding a role or tag (search by roles, deleting a role).
        builder.HasIndex(m => new { m.LabelId, m.UserId });
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Label>().WithMany().HasForeignKey(m => m.LabelId).OnDelete(DeleteBehavior.Cascade);
    }
}
