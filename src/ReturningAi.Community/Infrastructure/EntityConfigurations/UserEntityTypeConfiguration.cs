using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class UserEntityTypeConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(u => u.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(u => u.Username).HasMaxLength(100);
        builder.Property(u => u.NormalizedUsername).HasMaxLength(100);
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.HasIndex(u => new { u.CommunityId, u.NormalizedUsername }).IsUnique();
        builder.HasOne<Model.Community>().WithMany().HasForeignKey(u => u.CommunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
