using System.Net;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;
using Xunit.Abstractions;

namespace ReturningAi.Reliability.Tests;

/// <summary>Two store processes and many clients at once: every code exists exactly once, losers get 409, nothing is lost.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ConcurrencyTests(ReliabilityStack stack, ITestOutputHelper output) : ReliabilityTest(stack, output)
{
    [Fact]
    public async Task Racing_appends_of_overlapping_codes_leave_each_code_once_and_every_loser_gets_409_having_added_nothing()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Stack.Api);
        var created = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, Catalogue.Product("Contended"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var productId = created.Json.GetProperty("data").GetProperty("_id").GetString()!;

        // 32 appends of 4 codes each, drawn from a pool of 40: most requests overlap with some other.
        var random = new Random(20261125);
        var requests = Enumerable.Range(0, 32)
            .Select(_ => Enumerable.Range(0, 40).OrderBy(_ => random.Next()).Take(4).Select(i => $"RACE-{i:00}").ToArray())
            .ToList();
        using var start = new SemaphoreSlim(0);
        var answers = requests.Select(async codes =>
        {
            await start.WaitAsync();
            var response = await Stack.Api.SendAsync(HttpMethod.Put, $"/apis/products/{productId}", community.Token,
                new { vouchers = codes, voucherExpireDate = "2031-01-01T00:00:00Z" });
            return (Codes: codes, response.Status, response.Body);
        }).ToList();
        start.Release(requests.Count);
        var results = await Task.WhenAll(answers);

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.Status}: {r.Body}"));
        var won = results.Where(r => r.Status == HttpStatusCode.OK).SelectMany(r => r.Codes).ToList();
        Assert.Equal(won.Count, won.Distinct().Count()); // two winners never hold the same code
        var stored = (await StoreDatabase.ProductVouchersAsync(community.CommunityId))[productId];
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(won.Order(), stored.Order());
        // A loser lost to a winner that holds one of its codes; none of its other codes slipped in.
        Assert.All(results.Where(r => r.Status == HttpStatusCode.Conflict), loser => Assert.Contains(loser.Codes, won.Contains));
        Assert.Contains(results, r => r.Status == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Many_clients_creating_at_once_are_served_by_both_store_instances_and_every_product_lands_once()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Stack.Api);
        using var clients = new SemaphoreSlim(16);
        var sent = Enumerable.Range(0, 48).Select(async n =>
        {
            await clients.WaitAsync();
            try
            {
                var body = new JsonArray([.. Enumerable.Range(0, 5).Select(p => (JsonNode)Catalogue.Product($"Crowd {n}-{p}", vouchers: [$"CROWD-{n}-{p}-A", $"CROWD-{n}-{p}-B"]))]);
                return await Stack.Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(body.ToJsonString()));
            }
            finally
            {
                clients.Release();
            }
        }).ToList();
        var responses = await Task.WhenAll(sent);

        Assert.All(responses, r => Assert.True(r.Status == HttpStatusCode.Created, $"{(int)r.Status}: {r.Body}"));
        var ids = responses.SelectMany(r => r.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("_id").GetString()!)).ToList();
        Assert.Equal(240, ids.Distinct().Count());
        Assert.Equal((240, 480), await StoreDatabase.CountAsync(community.CommunityId));

        var instances = await Eventually.Until(
            () => Task.FromResult(Stack.Telemetry.Spans
                .Where(s => s.Service == "store" && s.Scope == "MassTransit" && s.Name.Contains("CREATE_PRODUCTS process", StringComparison.Ordinal))
                .Select(s => s.Instance).Distinct().ToList()),
            found => found.Count >= 2, TimeSpan.FromSeconds(20), "both store instances to have consumed commands");
        Assert.Equal(2, instances.Count);
    }
}
