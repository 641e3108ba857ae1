using System.Net;

namespace ReturningAi.EndToEnd.Tests;

/// <summary><c>/stores</c> with the documented object, and <c>/store/configuration</c> as its view (CONTRACT.md §7).</summary>
[Collection(StackCollection.Name)]
public sealed class StoreConfigurationTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task A_new_store_reads_with_the_documented_defaults_and_fields_projects_it()
    {
        var community = await Api.BootstrapCommunityAsync();

        var store = await Api.SendAsync(HttpMethod.Get, "/apis/stores", community.Token);
        var projected = await Api.SendAsync(HttpMethod.Get, "/apis/stores?fields=title,currency", community.Token);
        var badFields = await Api.SendAsync(HttpMethod.Get, "/apis/stores?fields=widget", community.Token);

        Assert.Equal(HttpStatusCode.OK, store.Status);
        Assert.Equal("Read store config success.", store.Json.GetProperty("message").GetString());
        var data = store.Json.GetProperty("data");
        Assert.Matches("^[0-9a-f]{24}$", data.GetProperty("_id").GetString());
        Assert.Equal(community.CommunityId, data.GetProperty("communityID").GetString());
        Assert.Equal(
            """{"isEnabled":true,"title":"Store","description":"","cover":{"isEnabled":false,"light":null,"dark":null},"currency":{"isEnabled":false,"name":"Points","light":null,"dark":null},"callToAction":{"isEnabled":false,"text":"","link":""},"i18n":{"isTranslationEnabled":false,"titleTranslations":[],"descriptionTranslations":[]},"userIdentifierFields":[]}""",
            Without(data, "_id", "communityID", "createdAt", "updatedAt"));
        Assert.Equal(["_id", "title", "currency"], projected.Json.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, badFields.Status);
        Assert.Equal("invalid_fields", badFields.ErrorCode());
    }

    [Fact]
    public async Task A_partial_update_changes_what_is_sent_and_the_older_view_shows_the_same_record()
    {
        var community = await Api.BootstrapCommunityAsync();

        var updated = await Api.SendAsync(HttpMethod.Put, "/apis/stores", community.Token, new
        {
            title = "Rewards Store",
            currency = new { name = "Coins" },
            cover = new { isEnabled = true, light = "https://example.com/cover.png" },
            callToAction = new { isEnabled = true, text = "Earn more", link = "https://example.com/earn" },
            i18n = new { isTranslationEnabled = true, titleTranslations = new[] { new { language = "th", value = "ร้านค้า" } } },
            userIdentifierFields = new[] { "customerid" },
        });
        var view = await Api.SendAsync(HttpMethod.Get, "/apis/store/configuration", community.Token);
        var closed = await Api.SendAsync(HttpMethod.Put, "/apis/store/configuration", community.Token, new { isStoreOpen = false, currencyName = "Gems" });
        var store = await Api.SendAsync(HttpMethod.Get, "/apis/stores", community.Token);

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("Update store config success.", updated.Json.GetProperty("message").GetString());
        var data = updated.Json.GetProperty("data");
        Assert.Equal(("Rewards Store", "Coins", false, "https://example.com/cover.png", null),
            (data.GetProperty("title").GetString(), data.GetProperty("currency").GetProperty("name").GetString(), data.GetProperty("currency").GetProperty("isEnabled").GetBoolean(),
             data.GetProperty("cover").GetProperty("light").GetString(), data.GetProperty("cover").GetProperty("dark").GetString()));
        Assert.Equal("ร้านค้า", data.GetProperty("i18n").GetProperty("titleTranslations")[0].GetProperty("value").GetString());
        Assert.Equal("""{"currencyName":"Coins","isStoreOpen":true}""", view.Json.GetProperty("data").GetRawText());
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Equal((false, "Gems", "Rewards Store"), (store.Json.GetProperty("data").GetProperty("isEnabled").GetBoolean(),
            store.Json.GetProperty("data").GetProperty("currency").GetProperty("name").GetString(), store.Json.GetProperty("data").GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Bad_values_are_400_together_and_change_nothing()
    {
        var community = await Api.BootstrapCommunityAsync();
        var before = await Api.SendAsync(HttpMethod.Get, "/apis/stores", community.Token);

        var bad = await Api.SendAsync(HttpMethod.Put, "/apis/stores", community.Token, new
        {
            title = new string('t', 33),
            description = new string('d', 1001),
            cover = new { light = "ftp://example.com/x.png" },
            currency = new { name = "" },
            callToAction = new { link = "not a link" },
        });
        var untitled = await Api.SendAsync(HttpMethod.Put, "/apis/stores", community.Token, new { title = "" });
        var after = await Api.SendAsync(HttpMethod.Get, "/apis/stores", community.Token);
        var closedUntitled = await Api.SendAsync(HttpMethod.Put, "/apis/stores", community.Token, new { isEnabled = false, title = "" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal([("invalid_length", "title"), ("invalid_length", "description"), ("invalid_url", "cover.light"), ("invalid_length", "currency.name"), ("invalid_url", "callToAction.link")],
            bad.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, untitled.Status);
        Assert.Equal(("required", "title"), (untitled.ErrorCode(), untitled.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(before.Json.GetProperty("data").GetRawText(), after.Json.GetProperty("data").GetRawText());
        Assert.Equal(HttpStatusCode.OK, closedUntitled.Status);
    }

    private static string Without(System.Text.Json.JsonElement data, params string[] names) =>
        new System.Text.Json.Nodes.JsonObject(data.EnumerateObject().Where(p => !names.Contains(p.Name))
            .Select(p => KeyValuePair.Create(p.Name, System.Text.Json.Nodes.JsonNode.Parse(p.Value.GetRawText())))).ToJsonString();
}
