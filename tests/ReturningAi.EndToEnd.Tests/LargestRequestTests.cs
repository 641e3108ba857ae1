using System.Net;
using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class LargestRequestTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task A_CSV_of_exactly_10_MiB_imports_and_creates_every_voucher_exactly_once()
    {
        var community = await Api.BootstrapCommunityAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new { name = "Bulk" })).Status);
        var (file, voucherCount) = LargestCsv.Build("Bulk");
        Assert.Equal(10 * 1024 * 1024, file.Length);

        var response = await Api.UploadCsvAsync(community.Token, file);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(100, response.Json.GetProperty("meta").GetProperty("created").GetInt32());
        Assert.Equal(voucherCount, response.Json.GetProperty("data").EnumerateArray().Sum(p => p.GetProperty("stocks").GetInt32()));

        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString("storedb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT code), count(DISTINCT product_id) FROM vouchers WHERE community_id = @c", connection);
        command.Parameters.AddWithValue("c", community.CommunityId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((voucherCount, voucherCount, 100L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [Fact]
    public async Task One_byte_more_is_refused_as_file_too_large()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (file, _) = LargestCsv.Build("Bulk", LargestCsv.MaxBytes + 1);

        var response = await Api.UploadCsvAsync(community.Token, file);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("file_too_large", response.ErrorCode());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }
}
