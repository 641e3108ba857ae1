using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class UserFieldHistoryItemEntityTypeConfiguration : IEntityTypeConfiguration<UserFieldHistoryItem>
{
    public void Configure(EntityTypeBuilder<UserFieldHistoryItem> builder)
    {
        builder.ToTable("user_field_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.FieldId).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.Field).HasMaxLength(UserFieldKeys.MaxLength);
        builder.Property(h => h.OldValue).HasColumnType("jsonb");
        builder.Property(h => h.NewValue).HasColumnType("jsonb");
        builder.Property(h => h.Source).HasMaxLength(16);
        builder.Property(h => h.Reference).HasMaxLength(ChangeNote.MaxReferenceLength);
        builder.Property(h => h.Note).HasMaxLength(ChangeNote.MaxNoteLength);
        builder.Property(h => h.CreatedBy).HasColumnType("jsonb").HasConversion(new CreatorInfoConverter());
        // A partner's reference names one change of a user's field: re-posting it creates nothing.
        builder.HasIndex(h => new { h.UserId, h.FieldId, h.Reference }).IsUnique()
            .HasFilter("reference IS NOT NULL").HasDatabaseName("ux_user_field_history_reference");
        // Newest first: in the community, per user and field, per field.
        builder.HasIndex(h => new { h.CommunityId, h.ChangedAt, h.Id });
        builder.HasIndex(h => new { h.UserId, h.FieldId, h.ChangedAt });
        builder.HasIndex(h => new { h.FieldId, h.ChangedAt });
        builder.HasOne<UserField>().WithMany().HasForeignKey(h => h.FieldId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
