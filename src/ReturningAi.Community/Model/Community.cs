using ReturningAi.Contracts.Communities;

namespace ReturningAi.Community.Model;

public sealed class Community
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public string? Uri { get; set; }
    public string? Domain { get; set; }
    public string ThemePrimary { get; set; } = CommunityTheme.Default.Primary;
    public string ThemeSecondary { get; set; } = CommunityTheme.Default.Secondary;
    public string ThemeAccent { get; set; } = CommunityTheme.Default.Accent;
    public string ThemeBackground { get; set; } = CommunityTheme.Default.Background;
    public string ThemeSurface { get; set; } = CommunityTheme.Default.Surface;
    public string ThemeText { get; set; } = CommunityTheme.Default.Text;
    public string BotName { get; set; } = CommunityBot.DefaultName;
    public string? BotAvatar { get; set; }
    public bool PreviewEnabled { get; set; }
    public string? PreviewTitle { get; set; }
    public string? PreviewDescription { get; set; }
    public string? PreviewImage { get; set; }
    public bool MembersListVisible { get; set; } = true;
    public bool GuestModeEnabled { get; set; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
