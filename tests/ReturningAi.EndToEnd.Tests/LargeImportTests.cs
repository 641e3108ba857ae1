using System.Net;
using System.Text;
using ReturningAi.ServiceDefaults.Memory;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// CSV imports large enough to go to the store by claim check (ReturningAi.ClaimCheck), and their reply back the same way
/// (copied into the response by the gateway): the partner sees what a small import answers, and nothing of the file or
/// the reply is left in the claim check's database afterwards.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class LargeImportTests(StackFixture stack)
{
    private const int CodesPerProduct = LargeImportMemory.LargeVoucherCount / 2 + 1;

    private PartnerApi Api => stack.Api;

    /// <summary>Two products whose codes together make a large import; the second in <paramref name="secondCategory"/>.</summary>
    private static byte[] LargeCsv(string prefix, string secondCategory = "Premium Rewards")
    {
        var csv = new StringBuilder("Name,Price,Category Name,Vouchers,Voucher Expire Date\r\n");
        foreach (var (name, category) in new[] { ("First", "Premium Rewards"), ("Second", secondCategory) })
        {
            csv.Append(name).Append(",1,").Append(category).Append(",\"");
            csv.AppendJoin(',', Enumerable.Range(0, CodesPerProduct).Select(i => $"{prefix}-{name}-{i:D6}"));
            csv.Append("\",2030-01-01T00:00:00Z\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static Task<long> PayloadsLeftAsync() =>
        Eventually.Until(() => ServiceDatabases.ScalarAsync("messagedatadb", "SELECT count(*) FROM message_data"), n => n == 0,
            TimeSpan.FromSeconds(30), "the store to delete the payloads it consumed");

    [Fact]
    public async Task A_large_CSV_is_created_whole_replayed_by_its_Idempotency_Key_and_leaves_no_payload_behind()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var csv = LargeCsv("K");
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"large-{Guid.NewGuid():N}" };

        var created = await Api.UploadCsvAsync(community.Token, csv, headers: key);
        var replayed = await Api.UploadCsvAsync(community.Token, csv, headers: key);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(2, created.Json.GetProperty("meta").GetProperty("created").GetInt32());
        Assert.Equal(["First", "Second"], created.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Created, replayed.Status);
        Assert.Equal(created.Json.GetProperty("data")[0].GetProperty("_id").GetString(), replayed.Json.GetProperty("data")[0].GetProperty("_id").GetString());
        Assert.Equal((2, 2 * CodesPerProduct), await StoreDatabase.CountAsync(community.CommunityId));
        Assert.Equal(0, await PayloadsLeftAsync());
    }

    [Fact]
    public async Task A_dry_run_of_a_large_CSV_answers_what_it_would_create_and_writes_nothing()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var dry = await Api.UploadCsvAsync(community.Token, LargeCsv("D"), query: "?dryRun=true");

        Assert.Equal(HttpStatusCode.OK, dry.Status);
        Assert.Equal(2, dry.Json.GetProperty("meta").GetProperty("wouldCreate").GetInt32());
        Assert.True(dry.Json.GetProperty("meta").GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, dry.Json.GetProperty("data").GetArrayLength());
        Assert.False(dry.Json.GetProperty("data")[0].TryGetProperty("_id", out _));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
        Assert.Equal(0, await PayloadsLeftAsync());
    }

    [Fact]
    public async Task An_unknown_category_in_a_large_CSV_is_400_at_its_row_and_column_and_writes_nothing()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var refused = await Api.UploadCsvAsync(community.Token, LargeCsv("U", secondCategory: "No Such Category"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("unknown_category", refused.ErrorCode());
        var error = refused.Json.GetProperty("errors")[0];
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("Category Name", error.GetProperty("column").GetString());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
        Assert.Equal(0, await PayloadsLeftAsync());
    }
}
