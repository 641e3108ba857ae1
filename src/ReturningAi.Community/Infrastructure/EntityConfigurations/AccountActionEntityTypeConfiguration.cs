using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;
using ReturningAi.Users;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class AccountActionEntityTypeConfiguration : IEntityTypeConfiguration<AccountAction>
{
    public void Configure(EntityTypeBuilder<AccountAction> builder)
    {
        builder.ToTable("account_actions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(a => a.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(a => a.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(a => a.Action).HasMaxLength(16);
        builder.Property(a => a.Reason).HasMaxLength(UserRules.MaxReasonLength);
        builder.Property(a => a.FromStatus).HasMaxLength(16);
        builder.Property(a => a.ToStatus).HasMaxLength(16);
        builder.Property(a => a.CreatedBy).HasColumnType("jsonb").HasConversion(new CreatorInfoConverter());
        builder.HasIndex(a => new { a.UserId, a.CreatedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
