using System.Net;
using System.Text.Json.Nodes;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class IdempotencyTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    [Theory]
    [InlineData("/apis/products/bulk", true)]
    [InlineData("/apis/products", false)]
    public async Task The_same_key_and_body_replays_the_first_response_and_creates_nothing_new(string path, bool bulk)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var product = Catalogue.Product("Once", vouchers: ["O-1"]);
        var body = bulk ? new JsonArray(product).ToJsonString() : product.ToJsonString();
        var key = Guid.NewGuid().ToString();

        var first = await Api.SendRawAsync(HttpMethod.Post, path, community.Token, PartnerApi.RawJson(body), Key(key));
        var again = await Api.SendRawAsync(HttpMethod.Post, path, community.Token, PartnerApi.RawJson(body), Key(key));
        var other = await Api.SendRawAsync(HttpMethod.Post, path, community.Token, PartnerApi.RawJson(body.Replace("Once", "Twice", StringComparison.Ordinal)), Key(key));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Json.GetProperty("data").GetRawText(), again.Json.GetProperty("data").GetRawText());
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("idempotency_key_reused", other.ErrorCode());
        Assert.Equal((1, 1), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task The_same_CSV_file_uploaded_again_with_its_key_replays_although_the_multipart_framing_differs()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var csv = System.Text.Encoding.UTF8.GetBytes("Name,Price,Category Name,Voucher Expire Date,Vouchers\nRe-uploaded,1,Premium Rewards,2031-01-01,U-1\n");
        var key = Key(Guid.NewGuid().ToString());

        // Each upload gets a fresh random boundary, as two runs of curl -F or two browser posts would.
        var first = await Api.UploadCsvAsync(community.Token, csv, headers: key);
        var again = await Api.UploadCsvAsync(community.Token, csv, headers: key);
        var changed = await Api.UploadCsvAsync(community.Token, [.. csv, .. "Another,2,Premium Rewards,,\n"u8.ToArray()], headers: key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Json.GetProperty("data").GetRawText(), again.Json.GetProperty("data").GetRawText());
        Assert.Equal("idempotency_key_reused", changed.ErrorCode());
        Assert.Equal((1, 1), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Theory]
    [InlineData("/apis/products/bulk", true)]
    [InlineData("/apis/products", false)]
    public async Task Two_requests_racing_with_one_key_create_once(string path, bool bulk)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var product = Catalogue.Product("Raced", vouchers: ["R-1"]);
        var body = bulk ? new JsonArray(product).ToJsonString() : product.ToJsonString();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Api.SendRawAsync(HttpMethod.Post, path, community.Token, PartnerApi.RawJson(body), Key(key))));

        Assert.Contains(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.Created
            || (a.Status == HttpStatusCode.Conflict && a.ErrorCode() == "idempotency_key_in_progress"), a.Body));
        Assert.Single(answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.Json.GetProperty("data").GetRawText()).Distinct());
        Assert.Equal((1, 1), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task A_key_outside_1_to_255_characters_is_400()
    {
        var community = await Api.BootstrapCommunityAsync();

        var tooLong = await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new { name = "x" }, Key(new string('k', 256)));
        var bulk = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson("[]"), Key(new string('k', 256)));

        Assert.Equal("invalid_idempotency_key", tooLong.ErrorCode());
        Assert.Equal("invalid_idempotency_key", bulk.ErrorCode());
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_community()
    {
        var a = await Api.BootstrapCommunityAsync();
        var b = await Api.BootstrapCommunityAsync();
        var key = Guid.NewGuid().ToString();

        var first = await Api.SendAsync(HttpMethod.Post, "/apis/categories", a.Token, new { name = "Shared" }, Key(key));
        var second = await Api.SendAsync(HttpMethod.Post, "/apis/categories", b.Token, new { name = "Shared" }, Key(key));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.NotEqual(first.Json.GetProperty("data").GetProperty("_id").GetString(), second.Json.GetProperty("data").GetProperty("_id").GetString());
    }
}
