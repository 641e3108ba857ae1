using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Contracts.Communities;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class CommunityEntityTypeConfiguration : IEntityTypeConfiguration<Model.Community>
{
    public void Configure(EntityTypeBuilder<Model.Community> builder)
    {
        var theme = CommunityTheme.Default;
        builder.ToTable("communities");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Url).HasMaxLength(2048);
        builder.Property(c => c.Uri).HasMaxLength(100);
        builder.Property(c => c.Domain).HasMaxLength(253);
        // Defaults in the database too, so that communities created before appearance existed read them.
        builder.Property(c => c.ThemePrimary).HasMaxLength(7).HasDefaultValue(theme.Primary);
        builder.Property(c => c.ThemeSecondary).HasMaxLength(7).HasDefaultValue(theme.Secondary);
        builder.Property(c => c.ThemeAccent).HasMaxLength(7).HasDefaultValue(theme.Accent);
        builder.Property(c => c.ThemeBackground).HasMaxLength(7).HasDefaultValue(theme.Background);
        builder.Property(c => c.ThemeSurface).HasMaxLength(7).HasDefaultValue(theme.Surface);
        builder.Property(c => c.ThemeText).HasMaxLength(7).HasDefaultValue(theme.Text);
        builder.Property(c => c.BotName).HasMaxLength(32).HasDefaultValue(CommunityBot.DefaultName);
        builder.Property(c => c.BotAvatar).HasMaxLength(2048);
        builder.Property(c => c.PreviewTitle).HasMaxLength(100);
        builder.Property(c => c.PreviewDescription).HasMaxLength(300);
        builder.Property(c => c.PreviewImage).HasMaxLength(2048);
        builder.Property(c => c.Version).HasDefaultValue(1L);
    }
}
