using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;
using ReturningAi.Users;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class UserEntityTypeConfiguration : IEntityTypeConfiguration<User>
{
    /// <summary>What the search's <c>search</c> text looks in, lower-cased; U+0001 between them cannot be searched for, so no match spans two.</summary>
    public const string SearchText = "SearchText";

    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(u => u.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(u => u.Username).HasMaxLength(UserRules.MaxUsernameLength);
        builder.Property(u => u.NormalizedUsername).HasMaxLength(UserRules.MaxUsernameLength);
        builder.Property(u => u.Email).HasMaxLength(UserRules.MaxEmailLength);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(UserRules.MaxEmailLength);
        builder.Property(u => u.FirstName).HasMaxLength(UserRules.MaxPersonNameLength);
        builder.Property(u => u.LastName).HasMaxLength(UserRules.MaxPersonNameLength);
        builder.Property(u => u.DisplayName).HasMaxLength(UserRules.MaxUsernameLength);
        builder.Property(u => u.Avatar).HasMaxLength(UserRules.MaxUrlLength);
        builder.Property(u => u.Status).HasMaxLength(16);
        builder.Property(u => u.StatusBeforeDelete).HasMaxLength(16);
        builder.Property(u => u.StatusReason).HasMaxLength(UserRules.MaxReasonLength);
        builder.Property(u => u.EmailTemplate).HasMaxLength(UserInputReader.MaxEmailTemplateLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Ignore(u => u.IsDeleted);
        builder.Property<string>(SearchText)
            .HasComputedColumnSql("lower(username || chr(1) || email || chr(1) || display_name)", stored: true);

        // The invariants: among live users of a community, one username and one email (any case).
        // (Named indexes: EF would merge unnamed ones on the same columns into one.)
        builder.HasIndex(u => new { u.CommunityId, u.NormalizedUsername }, "ux_users_live_username").IsUnique().HasFilter("status <> 'deleted'")
            .HasDatabaseName("ux_users_live_username");
        builder.HasIndex(u => new { u.CommunityId, u.NormalizedEmail }, "ux_users_live_email").IsUnique().HasFilter("status <> 'deleted'")
            .HasDatabaseName("ux_users_live_email");
        // Look-ups that also see deleted users (restore by username or email).
        builder.HasIndex(u => new { u.CommunityId, u.NormalizedEmail }, "ix_users_email").HasDatabaseName("ix_users_email");
        builder.HasIndex(u => new { u.CommunityId, u.NormalizedUsername }, "ix_users_username").HasDatabaseName("ix_users_username");
        // The search's orders, ties by id (a page reads the index backwards and stops after 200 rows) ...
        builder.HasIndex(u => new { u.CommunityId, u.JoinedAt, u.Id });
        // ... and its total, counted from this index alone (the statuses asked for are one of its ranges each).
        builder.HasIndex(u => new { u.CommunityId, u.Status, u.JoinedAt, u.Id });
        builder.HasIndex(u => new { u.CommunityId, u.CreatedAt, u.Id });
        builder.HasIndex(u => new { u.CommunityId, u.UpdatedAt, u.Id });
        builder.HasIndex(u => new { u.CommunityId, u.LastLogin, u.Id });
        builder.HasIndex(SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_users_search_text");
        builder.HasOne<Model.Community>().WithMany().HasForeignKey(u => u.CommunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
