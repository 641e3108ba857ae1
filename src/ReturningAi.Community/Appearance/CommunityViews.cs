using ReturningAi.Contracts.Communities;

namespace ReturningAi.Community.Appearance;

internal static class CommunityViews
{
    public static CommunityDto ToDto(Model.Community c) => new(c.Id, c.Name, c.Url, c.Uri, c.Domain,
        new CommunityTheme(c.ThemePrimary, c.ThemeSecondary, c.ThemeAccent, c.ThemeBackground, c.ThemeSurface, c.ThemeText),
        new CommunityBot(c.BotName, c.BotAvatar),
        new CommunityMeta(new CommunityPreview(c.PreviewEnabled, c.PreviewTitle, c.PreviewDescription, c.PreviewImage), c.MembersListVisible, c.GuestModeEnabled),
        c.CreatedAt, c.UpdatedAt);
}
