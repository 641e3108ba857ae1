using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class ApiKeyEntityTypeConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(k => k.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.TokenHash).HasMaxLength(32);
        // The gateway finds a key by the hash of the presented token.
        builder.HasIndex(k => k.TokenHash).IsUnique();
        builder.HasIndex(k => new { k.CommunityId, k.CreatedAt });
        builder.HasOne<Model.Community>().WithMany().HasForeignKey(k => k.CommunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
