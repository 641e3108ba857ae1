using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;
using ReturningAi.Users.Fields;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class UserFieldEntityTypeConfiguration : IEntityTypeConfiguration<UserField>
{
    public void Configure(EntityTypeBuilder<UserField> builder)
    {
        builder.ToTable("user_fields");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(f => f.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(f => f.Key).HasMaxLength(UserFieldKeys.MaxLength);
        builder.Property(f => f.NormalizedKey).HasMaxLength(UserFieldKeys.MaxLength);
        builder.Property(f => f.Name).HasMaxLength(UserFieldDefinitionReader.MaxNameLength);
        builder.Property(f => f.Description).HasMaxLength(UserFieldDefinitionReader.MaxDescriptionLength);
        builder.Property(f => f.Type).HasMaxLength(16);
        builder.Property(f => f.DefaultValue).HasColumnType("jsonb");
        builder.Property(f => f.Creator).HasColumnType("jsonb").HasConversion(new CreatorInfoConverter());
        builder.HasIndex(f => new { f.CommunityId, f.NormalizedKey }).IsUnique();
        builder.HasIndex(f => new { f.CommunityId, f.CreatedAt });
        builder.HasOne<Model.Community>().WithMany().HasForeignKey(f => f.CommunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
