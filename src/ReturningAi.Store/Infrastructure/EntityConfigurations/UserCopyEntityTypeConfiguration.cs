using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class UserCopyEntityTypeConfiguration : IEntityTypeConfiguration<UserCopy>
{
    public void Configure(EntityTypeBuilder<UserCopy> builder)
    {
        builder.ToTable("user_copies");
        builder.HasKey(u => u.UserId);
        builder.Property(u => u.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(u => u.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(u => u.Username).HasMaxLength(100);
        builder.Property(u => u.NormalizedUsername).HasMaxLength(100);
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(320);
        builder.Property(u => u.Status).HasMaxLength(16);
        // Purchases name a user by id or email; permission checks by username.
        builder.HasIndex(u => new { u.CommunityId, u.NormalizedEmail });
        builder.HasIndex(u => new { u.CommunityId, u.NormalizedUsername });
    }
}
