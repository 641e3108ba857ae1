using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// Creates whose body the gateway does not parse (over 1 MiB, or of undeclared length): streamed as uploaded into the claim
/// check and read by the store with the same readers. The partner sees what the same products answer in a small body: the
/// same products, the same located problems (row and column, or index), the same replay by <c>Idempotency-Key</c>.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class UploadedBodyTests(StackFixture stack)
{
    private const int ManyCodes = 120_000;

    private PartnerApi Api => stack.Api;

    private static string Codes(string prefix, int count) => string.Join(',', Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D6}"));

    private static string JsonCodes(string prefix, int count) => string.Join(',', Enumerable.Range(0, count).Select(i => $"\"{prefix}-{i:D6}\""));

    private static string Json(string codes, string secondPrice = "5") => $$"""
        [
          {"name": "Gift", "price": 10, "categoryName": "premium rewards", "vouchers": [{{codes}}], "voucherExpireDate": "2030-01-01T00:00:00Z",
           "isProductAccessEnabled": true,
           "productPermission": [{"isEnabled": true, "type": "role", "permission": {"roleNames": ["VIP Member"]}, "accessLevel": "view-only"}]},
          {"name": "Plain", "price": {{secondPrice}}, "categoryName": "Premium Rewards", "vouchers": []}
        ]
        """;

    /// <summary>The body with no declared length (chunked), which the gateway streams on whatever its size.</summary>
    private static StreamContent Undeclared(string json)
    {
        var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static Task<long> PayloadsLeftAsync() =>
        Eventually.Until(() => ServiceDatabases.ScalarAsync("messagedatadb", "SELECT count(*) FROM message_data"), n => n == 0,
            TimeSpan.FromSeconds(30), "the store to delete the uploads it consumed");

    private static string Errors(ApiResponse response) =>
        string.Join(" | ", response.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetRawText()));

    [Fact]
    public async Task A_body_of_undeclared_length_is_created_exactly_like_the_same_body_of_declared_length()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        // One community, so that its category and role ids are the same; codes differ, since a code is unique in it.
        var parsed = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(Json(JsonCodes("C", 3))));
        var streamed = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, Undeclared(Json(JsonCodes("U", 3))));

        Assert.Equal(HttpStatusCode.Created, parsed.Status);
        Assert.Equal(HttpStatusCode.Created, streamed.Status);
        Assert.Equal(CsvImportTests.Comparable(parsed.Json), CsvImportTests.Comparable(streamed.Json).Replace("\"U-", "\"C-", StringComparison.Ordinal));
        Assert.Equal((4, 6), await StoreDatabase.CountAsync(community.CommunityId));
        Assert.Equal(0, await PayloadsLeftAsync());
    }

    [Fact]
    public async Task A_CSV_over_the_threshold_is_refused_with_the_problems_of_the_same_small_CSV_at_their_rows_and_columns()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        string Csv(int codes) => "Name,Price,Category Name,Vouchers,Voucher Expire Date\r\n"
            + $"Gift,10,Premium Rewards,\"{Codes("R", codes)}\",2030-01-01T00:00:00Z\r\n"
            + "Lost,2,No Such Category,,\r\nBad,abc,Premium Rewards,,\r\n";
        var large = Encoding.UTF8.GetBytes(Csv(ManyCodes));
        Assert.True(large.Length > 1024 * 1024);

        var small = await Api.UploadCsvAsync(community.Token, Encoding.UTF8.GetBytes(Csv(2)));
        var refused = await Api.UploadCsvAsync(community.Token, large);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(Errors(small), Errors(refused));
        Assert.Equal([(3, "Category Name"), (4, "Price")],
            refused.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
        Assert.Equal(0, await PayloadsLeftAsync());
    }

    [Fact]
    public async Task A_JSON_body_over_the_threshold_is_refused_at_its_index_and_replayed_by_its_key_once_valid()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"upload-{Guid.NewGuid():N}" };
        var codes = JsonCodes("J", ManyCodes);
        Assert.True(codes.Length > 1024 * 1024);

        var small = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(Json("", secondPrice: "-1")));
        var refused = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(Json(codes, secondPrice: "-1")), key);
        var created = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(Json(codes)), key);
        var replayed = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(Json(codes)), key);
        var otherBody = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(Json(codes, secondPrice: "6")), key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(Errors(small), Errors(refused));
        Assert.Equal(1, refused.Json.GetProperty("errors")[0].GetProperty("index").GetInt32());
        Assert.Equal("[1].price", refused.Json.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.Created, replayed.Status);
        Assert.Equal(created.Json.GetProperty("data")[0].GetProperty("_id").GetString(), replayed.Json.GetProperty("data")[0].GetProperty("_id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, otherBody.Status);
        Assert.Equal((2, ManyCodes), await StoreDatabase.CountAsync(community.CommunityId));
        Assert.Equal(0, await PayloadsLeftAsync());
    }

    /// <summary>A stream that cannot tell its length, so that the client sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
