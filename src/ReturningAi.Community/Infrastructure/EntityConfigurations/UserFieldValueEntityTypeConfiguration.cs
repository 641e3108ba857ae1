using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class UserFieldValueEntityTypeConfiguration : IEntityTypeConfiguration<UserFieldValue>
{
    public void Configure(EntityTypeBuilder<UserFieldValue> builder)
    {
        builder.ToTable("user_field_values");
        builder.HasKey(v => new { v.UserId, v.FieldId });
        builder.Property(v => v.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(v => v.FieldId).HasMaxLength(24).IsFixedLength();
        builder.Property(v => v.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(v => v.Value).HasColumnType("jsonb");
        builder.Property(v => v.NumberValue).HasColumnType("numeric");
        // The search's conditions on one field: equality and ranges by type (with the user and whether it is live,
        // so that a count reads the index alone, see UserSearchQuery), options by containment.
        builder.HasIndex(v => new { v.FieldId, v.TextValue, v.UserId }).IncludeProperties(v => v.UserLive);
        builder.HasIndex(v => new { v.FieldId, v.NumberValue, v.UserId }).IncludeProperties(v => v.UserLive);
        builder.HasIndex(v => new { v.FieldId, v.DateValue, v.UserId }).IncludeProperties(v => v.UserLive);
        builder.HasIndex(v => new { v.FieldId, v.BoolValue, v.UserId }).IncludeProperties(v => v.UserLive);
        builder.HasIndex(v => v.OptionValues).HasMethod("gin");
        builder.HasIndex(v => v.TextValue).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_user_field_values_text_trgm");
        // The invariant of unique fields: one holder of a value among live users.
        builder.HasIndex(v => new { v.FieldId, v.UniqueKey }).IsUnique()
            .HasFilter("unique_key IS NOT NULL AND user_live").HasDatabaseName("ux_user_field_values_unique");
        builder.HasOne<UserField>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
