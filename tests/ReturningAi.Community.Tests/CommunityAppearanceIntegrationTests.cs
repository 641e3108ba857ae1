using System.Net;

namespace ReturningAi.Community.Tests;

/// <summary>The community object and its appearance (users.md U8).</summary>
public sealed class CommunityAppearanceIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task A_new_community_has_the_default_appearance()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var community = await api.OkAsync(HttpMethod.Get, "/community");

        Assert.Equal("#4f46e5", community.GetProperty("theme").GetProperty("primary").GetString());
        Assert.Equal("#f1f5f9", community.GetProperty("theme").GetProperty("surface").GetString());
        Assert.Equal("Community Bot", community.GetProperty("bot").GetProperty("name").GetString());
        Assert.True(community.GetProperty("meta").GetProperty("membersListVisible").GetBoolean());
        Assert.False(community.GetProperty("meta").GetProperty("preview").GetProperty("isEnabled").GetBoolean());
    }

    [Fact]
    public async Task Three_bad_colours_are_one_400_with_three_items_and_good_ones_are_stored_lower_case()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        Assert.Equal([("invalid_color", "primary"), ("invalid_color", "accent"), ("invalid_color", "text")],
            await api.RefusedAsync(HttpMethod.Put, "/community/theme", new { primary = "red", accent = "#12345", text = 5, surface = "#FFF" }, HttpStatusCode.BadRequest));
        Assert.Equal("#f1f5f9", (await api.OkAsync(HttpMethod.Get, "/community")).GetProperty("theme").GetProperty("surface").GetString());

        var theme = (await api.OkAsync(HttpMethod.Put, "/community/theme", new { primary = "#E11D48", accent = "#fb0" })).GetProperty("theme");
        Assert.Equal(("#e11d48", "#ffbb00"), (theme.GetProperty("primary").GetString(), theme.GetProperty("accent").GetString()));
        Assert.Equal("#4f46e5", (await api.OkAsync(HttpMethod.Put, "/community/theme", new { primary = (string?)null })).GetProperty("theme").GetProperty("primary").GetString());
        Assert.Equal([("empty_update", null)], await api.RefusedAsync(HttpMethod.Put, "/community/theme", new { }, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Name_uri_and_domain_are_unique_on_update_and_another_id_is_404()
    {
        var a = await MemberClient.BootstrapAsync(_http);
        var b = await MemberClient.BootstrapAsync(_http);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await a.OkAsync(HttpMethod.Put, $"/management/communities/{a.CommunityId}", new { name = "Acme " + suffix, uri = "acme-" + suffix, domain = $"c.{suffix}.example" });

        Assert.Equal([("duplicate_name", "name"), ("duplicate_uri", "uri"), ("duplicate_domain", "domain")],
            await b.RefusedAsync(HttpMethod.Put, $"/management/communities/{b.CommunityId}",
                new { name = "ACME " + suffix, uri = "Acme-" + suffix, domain = $"C.{suffix}.EXAMPLE" }, HttpStatusCode.Conflict));
        await b.RefusedAsync(HttpMethod.Put, $"/management/communities/{a.CommunityId}", new { name = "x" }, HttpStatusCode.NotFound);
        Assert.Equal([("invalid_uri", "uri"), ("invalid_domain", "domain")],
            await b.RefusedAsync(HttpMethod.Put, $"/management/communities/{b.CommunityId}", new { uri = "a b", domain = "nodots" }, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Bot_and_metadata_change_partially()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var bot = (await api.OkAsync(HttpMethod.Put, "/community-bot", new { name = "Acme Bot", avatar = "https://cdn.example.com/bot.png" })).GetProperty("bot");
        Assert.Equal("Acme Bot", bot.GetProperty("name").GetString());
        Assert.Equal([("invalid_length", "name")], await api.RefusedAsync(HttpMethod.Put, "/community-bot", new { name = new string('b', 33) }, HttpStatusCode.BadRequest));

        var meta = (await api.OkAsync(HttpMethod.Put, "/community/metadata", new { preview = new { isEnabled = true, title = "Hi" }, guestModeEnabled = true })).GetProperty("meta");
        Assert.True(meta.GetProperty("preview").GetProperty("isEnabled").GetBoolean());
        Assert.Equal("Hi", meta.GetProperty("preview").GetProperty("title").GetString());
        Assert.True(meta.GetProperty("guestModeEnabled").GetBoolean());
        Assert.True(meta.GetProperty("membersListVisible").GetBoolean());
        Assert.Equal([("invalid_url", "preview.image")],
            await api.RefusedAsync(HttpMethod.Put, "/community/metadata", new { preview = new { image = "ftp://x" } }, HttpStatusCode.BadRequest));
    }
}
