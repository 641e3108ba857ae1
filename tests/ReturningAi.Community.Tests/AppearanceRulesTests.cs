using System.Text.Json;
using ReturningAi.Community.Appearance;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Community.Tests;

public sealed class AppearanceRulesTests
{
    private static Model.Community New() => new() { Id = new string('a', 24), Name = "Acme", Url = "https://acme.example" };

    private static JsonElement Json(string json) => JsonDocument.Parse(json.Replace('\'', '"')).RootElement.Clone();

    [Theory]
    [InlineData("#FB0", "#ffbb00")]
    [InlineData("#E11D48", "#e11d48")]
    [InlineData("#abc123", "#abc123")]
    [InlineData("red", null)]
    [InlineData("#12345", null)]
    [InlineData("#GGG", null)]
    [InlineData("E11D48", null)]
    public void Colours_are_three_or_six_hex_digits_stored_lower_case(string sent, string? stored) => Assert.Equal(stored, AppearanceRules.Colour(sent));

    [Fact]
    public void A_theme_update_changes_only_what_it_sends_null_resets_and_any_bad_colour_changes_nothing()
    {
        var community = New();
        var errors = new List<ErrorItem>();
        AppearanceRules.ReadTheme(Json("{'primary': '#000', 'text': '#FFFFFF'}"), community, errors);
        Assert.Empty(errors);
        Assert.Equal(("#000000", "#ffffff", "#f59e0b"), (community.ThemePrimary, community.ThemeText, community.ThemeAccent));

        AppearanceRules.ReadTheme(Json("{'primary': null, 'accent': 'blue', 'surface': 1}"), community, errors);
        Assert.Equal(["accent", "surface"], errors.Select(e => e.Field));
        Assert.Equal("#000000", community.ThemePrimary);
    }

    [Fact]
    public void Identity_checks_uri_domain_and_url_and_an_empty_body_is_refused()
    {
        var errors = new List<ErrorItem>();
        AppearanceRules.ReadIdentity(Json("{}"), New(), errors);
        Assert.Equal(["empty_update"], errors.Select(e => e.Code));

        errors.Clear();
        AppearanceRules.ReadIdentity(Json("{'uri': 'acme games', 'domain': '-acme.example', 'url': 'ftp://x', 'name': ''}"), New(), errors);
        Assert.Equal(["invalid_length", "invalid_uri", "invalid_domain", "invalid_url"], errors.Select(e => e.Code));

        var community = New();
        errors.Clear();
        AppearanceRules.ReadIdentity(Json("{'uri': 'acme_games-1', 'domain': 'Community.Acme.Example'}"), community, errors);
        Assert.Empty(errors);
        Assert.Equal(("acme_games-1", "community.acme.example", "Acme"), (community.Uri, community.Domain, community.Name));
    }

    [Fact]
    public void Metadata_and_bot_change_partially()
    {
        var community = New();
        var errors = new List<ErrorItem>();
        AppearanceRules.ReadMetadata(Json("{'preview': {'isEnabled': true, 'title': 'Hi', 'image': 'https://cdn.example.com/p.png'}, 'membersListVisible': false}"), community, errors);
        AppearanceRules.ReadBot(Json("{'avatar': 'https://cdn.example.com/b.png'}"), community, errors);
        Assert.Empty(errors);
        Assert.True(community.PreviewEnabled);
        Assert.Equal(("Hi", null, "https://cdn.example.com/p.png"), (community.PreviewTitle, community.PreviewDescription, community.PreviewImage));
        Assert.False(community.MembersListVisible);
        Assert.Equal(("Community Bot", "https://cdn.example.com/b.png"), (community.BotName, community.BotAvatar));

        AppearanceRules.ReadBot(Json("{'name': null, 'avatar': null}"), community, errors);
        Assert.Equal(("Community Bot", null), (community.BotName, community.BotAvatar));
    }
}
