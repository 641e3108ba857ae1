using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.TestSupport;

namespace ReturningAi.Lists.Tests;

/// <summary>The list grammar turned into SQL on the real PostgreSQL, answered as a partner sees it.</summary>
public sealed class ListDefinitionTests : IAsyncLifetime
{
    private readonly string _database = TestServers.UniqueDatabaseName("lists");
    private ThingsDbContext _db = null!;

    public async Task InitializeAsync()
    {
        TestServers.EnsureReachable();
        _db = new ThingsDbContext(new DbContextOptionsBuilder<ThingsDbContext>()
            .UseNpgsql(TestServers.PostgresConnectionString(_database)).UseSnakeCaseNamingConvention().Options);
        await _db.Database.EnsureCreatedAsync();
        _db.Things.AddRange(
            new Thing { Id = "a", Name = "Alpha mug", Rank = 1 },
            new Thing { Id = "b", Name = "Beta MUG", Rank = 3, IsArchived = true },
            new Thing { Id = "c", Name = "50% off", Rank = 2 },
            new Thing { Id = "d", Name = "500 off", Rank = 2 },
            new Thing { Id = "e", Name = "under_score", Rank = 0 });
        await _db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await TestServers.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task The_default_order_holds_with_its_tiebreak_and_the_meta_counts_everything()
    {
        var (status, body) = await ListAsync("?limit=2&skip=1");

        Assert.Equal(200, status);
        Assert.Equal(["c", "d"], Ids(body));
        var meta = body.GetProperty("meta");
        Assert.Equal((1, 2, 5, 1, 3), (meta.GetProperty("skip").GetInt32(), meta.GetProperty("limit").GetInt32(), meta.GetProperty("total").GetInt32(),
            meta.GetProperty("page").GetInt32(), meta.GetProperty("totalPages").GetInt32()));
    }

    [Theory]
    [InlineData("?sort=name:asc", new[] { "c", "d", "a", "b", "e" })]
    [InlineData("?sort=rank:asc,name:desc", new[] { "e", "a", "d", "c", "b" })]
    [InlineData("?filter=isArchived:false&filter=rank:2", new[] { "c", "d" })]
    [InlineData("?filter=name:Alpha%20mug", new[] { "a" })]
    [InlineData("?search=keyword:mug", new[] { "b", "a" })]
    [InlineData("?search=50%25", new[] { "c" })]
    [InlineData("?search=0_o", new string[0])]
    [InlineData("?page=2&limit=3", new[] { "a", "e" })]
    public async Task Sort_filter_search_and_paging_become_the_query(string query, string[] ids)
    {
        var (status, body) = await ListAsync(query);

        Assert.Equal(200, status);
        Assert.Equal(ids, Ids(body));
    }

    [Fact]
    public async Task Fields_return_only_those_and_the_id()
    {
        var (_, body) = await ListAsync("?fields=name&limit=1");

        Assert.Equal("""{"_id":"b","name":"Beta MUG"}""", body.GetProperty("data")[0].GetRawText());
    }

    [Fact]
    public async Task A_filter_value_of_the_wrong_type_is_400_with_the_other_problems()
    {
        var (status, body) = await ListAsync("?filter=rank:high&sort=size");

        Assert.Equal(400, status);
        Assert.Equal(["invalid_sort", "invalid_filter"], body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
    }

    private async Task<(int Status, JsonElement Body)> ListAsync(string query)
    {
        var services = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.QueryString = new QueryString(query);
        http.Response.Body = new MemoryStream();

        var result = await Things.List.ListAsync(http, _db.Things.AsNoTracking(), "Read things success.", Things.ToDto, CancellationToken.None);
        await result.ExecuteAsync(http);

        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, (await JsonDocument.ParseAsync(http.Response.Body)).RootElement.Clone());
    }

    private static string[] Ids(JsonElement body) => [.. body.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("_id").GetString()!)];
}
