using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReturningAi.Contracts.Communities;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Community.Appearance;

/// <summary>
/// Reads the community and appearance updates (users.md U8) onto a community, all partial: only the
/// properties sent change, null resets one to its default, and a body that sends none is 400
/// <c>empty_update</c>. Every problem is reported together; nothing is applied when there is one.
/// </summary>
internal static partial class AppearanceRules
{
    public const int MaxNameLength = 200;
    public const int MaxUriLength = 100;
    public const int MaxDomainLength = 253;
    public const int MaxBotNameLength = 32;
    public const int MaxUrlLength = 2048;

    private static readonly string[] ThemeKeys = ["primary", "secondary", "accent", "background", "surface", "text"];

    /// <summary><c>PUT /management/communities/{id}</c>: name, uri, domain, url.</summary>
    public static void ReadIdentity(JsonElement body, Model.Community community, List<ErrorItem> errors)
    {
        var fields = new JsonFields(body, errors);
        RequireSome(fields, errors, "name", "uri", "domain", "url");
        var name = fields.Has("name") ? fields.ReadString("name", required: true, minLength: 1, maxLength: MaxNameLength) : null;
        var uri = fields.Has("uri") ? fields.ReadString("uri", required: true, minLength: 1, maxLength: MaxUriLength) : null;
        if (uri is not null && !UriPattern().IsMatch(uri)) fields.Add("invalid_uri", "uri", "uri may hold only letters, digits, '_' and '-'.");
        var domain = fields.Has("domain") ? fields.ReadString("domain", required: true, minLength: 1, maxLength: MaxDomainLength) : null;
        if (domain is not null && !IsHostName(domain)) fields.Add("invalid_domain", "domain", "domain must be a host name such as community.example.com.");
        var url = fields.Has("url") ? fields.ReadString("url", required: true, minLength: 1, maxLength: MaxUrlLength) : null;
        if (url is not null && !HttpUrls.IsHttpUrl(url)) fields.Add("invalid_url", "url", "url must be an absolute http or https URL.");
        if (errors.Count > 0) return;

        community.Name = name ?? community.Name;
        community.Uri = uri ?? community.Uri;
        community.Domain = domain?.ToLowerInvariant() ?? community.Domain;
        community.Url = url ?? community.Url;
    }

    /// <summary><c>PUT /community/theme</c>: the six colours, <c>#RGB</c> or <c>#RRGGBB</c>, stored <c>#rrggbb</c>.</summary>
    public static void ReadTheme(JsonElement body, Model.Community community, List<ErrorItem> errors)
    {
        var fields = new JsonFields(body, errors);
        RequireSome(fields, errors, ThemeKeys);
        var defaults = CommunityTheme.Default;
        var colours = new Dictionary<string, string>();
        foreach (var key in ThemeKeys.Where(fields.Has))
        {
            var value = body.GetProperty(key);
            if (value.ValueKind == JsonValueKind.Null) colours[key] = DefaultColour(defaults, key);
            else if (value.ValueKind == JsonValueKind.String && Colour(value.GetString()!) is { } colour) colours[key] = colour;
            else fields.Add("invalid_color", key, $"{key} must be a colour written #RGB or #RRGGBB, or null for the default.");
        }

        if (errors.Count > 0) return;
        foreach (var (key, colour) in colours)
        {
            switch (key)
            {
                case "primary": community.ThemePrimary = colour; break;
                case "secondary": community.ThemeSecondary = colour; break;
                case "accent": community.ThemeAccent = colour; break;
                case "background": community.ThemeBackground = colour; break;
                case "surface": community.ThemeSurface = colour; break;
                default: community.ThemeText = colour; break;
            }
        }
    }

    /// <summary><c>PUT /community-bot</c>: name 1–32 (null: the default), avatar http/https or null.</summary>
    public static void ReadBot(JsonElement body, Model.Community community, List<ErrorItem> errors)
    {
        var fields = new JsonFields(body, errors);
        RequireSome(fields, errors, "name", "avatar");
        var nameSent = fields.Has("name");
        var name = fields.ReadString("name", required: false, minLength: 1, maxLength: MaxBotNameLength);
        var avatarSent = fields.Has("avatar");
        var avatar = ReadUrl(fields, "avatar");
        if (errors.Count > 0) return;

        if (nameSent) community.BotName = name ?? CommunityBot.DefaultName;
        if (avatarSent) community.BotAvatar = avatar;
    }

    /// <summary><c>PUT /community/metadata</c>: the link preview, whether members are listed, whether guests may look in.</summary>
    public static void ReadMetadata(JsonElement body, Model.Community community, List<ErrorItem> errors)
    {
        var fields = new JsonFields(body, errors);
        RequireSome(fields, errors, "preview", "membersListVisible", "guestModeEnabled");
        var preview = fields.ReadObject("preview");
        bool? isEnabled = preview?.Has("isEnabled") == true ? preview.ReadBool("isEnabled") : null;
        var titleSent = preview?.Has("title") == true;
        var title = preview?.ReadString("title", required: false, maxLength: 100);
        var descriptionSent = preview?.Has("description") == true;
        var description = preview?.ReadString("description", required: false, maxLength: 300);
        var imageSent = preview?.Has("image") == true;
        var image = preview is null ? null : ReadUrl(preview, "image");
        bool? membersListVisible = fields.Has("membersListVisible") ? fields.ReadBool("membersListVisible") : null;
        bool? guestModeEnabled = fields.Has("guestModeEnabled") ? fields.ReadBool("guestModeEnabled") : null;
        if (errors.Count > 0) return;

        community.PreviewEnabled = isEnabled ?? community.PreviewEnabled;
        if (titleSent) community.PreviewTitle = Empty(title);
        if (descriptionSent) community.PreviewDescription = Empty(description);
        if (imageSent) community.PreviewImage = image;
        community.MembersListVisible = membersListVisible ?? community.MembersListVisible;
        community.GuestModeEnabled = guestModeEnabled ?? community.GuestModeEnabled;
    }

    /// <summary><c>#RGB</c> or <c>#RRGGBB</c> as <c>#rrggbb</c>; null when it is neither.</summary>
    public static string? Colour(string text)
    {
        if (!ColourPattern().IsMatch(text)) return null;
        var hex = text[1..].ToLower(CultureInfo.InvariantCulture);
        return "#" + (hex.Length == 3 ? string.Concat(hex.Select(c => $"{c}{c}")) : hex);
    }

    private static string? ReadUrl(JsonFields fields, string name)
    {
        var url = fields.ReadString(name, required: false, maxLength: MaxUrlLength);
        if (url is { Length: 0 }) return null;
        if (url is not null && !HttpUrls.IsHttpUrl(url))
        {
            fields.Add("invalid_url", name, $"{fields.FieldPath(name)} must be an absolute http or https URL, or null.");
            return null;
        }

        return url;
    }

    private static void RequireSome(JsonFields fields, List<ErrorItem> errors, params string[] names)
    {
        if (!names.Any(fields.Has))
        {
            errors.Add(new ErrorItem("empty_update", $"Send at least one of {string.Join(", ", names)}.", null));
        }
    }

    private static string DefaultColour(CommunityTheme theme, string key) => key switch
    {
        "primary" => theme.Primary,
        "secondary" => theme.Secondary,
        "accent" => theme.Accent,
        "background" => theme.Background,
        "surface" => theme.Surface,
        _ => theme.Text,
    };

    private static bool IsHostName(string domain) =>
        domain.Length <= MaxDomainLength && domain.Split('.') is { Length: >= 2 } labels
        && labels.All(l => l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();

    [GeneratedRegex("^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex ColourPattern();
}
