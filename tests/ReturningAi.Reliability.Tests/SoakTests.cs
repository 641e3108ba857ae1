using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// A bounded soak: a few minutes of mixed partner traffic at a fixed rate (JSON and CSV bulk creates,
/// single creates, voucher appends, renames, deletes, reads, and requests that must fail), after which
/// the store's database holds exactly the products and vouchers the 201 and 200 answers said.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SoakTests(ReliabilityStack stack, ITestOutputHelper output) : ReliabilityTest(stack, output)
{
    private const int Lanes = 8;
    private static readonly TimeSpan LanePace = TimeSpan.FromMilliseconds(400); // 8 lanes: 20 requests per second
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.Parse(Environment.GetEnvironmentVariable("RETURNINGAI_SOAK_SECONDS") ?? "150", CultureInfo.InvariantCulture));

    [Fact]
    public async Task Mixed_traffic_at_a_fixed_rate_leaves_exactly_what_the_answers_said()
    {
        var communities = new List<Bootstrapped>();
        for (var i = 0; i < 3; i++) communities.Add(await Catalogue.CommunityWithPageNamesAsync(Stack.Api));

        using var stop = new CancellationTokenSource(Duration);
        var lanes = Enumerable.Range(0, Lanes).Select(n => new Lane(Stack.Api, communities[n % communities.Count], $"soak{n}")).ToList();
        await Task.WhenAll(lanes.Select(lane => lane.RunAsync(LanePace, stop.Token)));

        var statuses = lanes.SelectMany(l => l.Statuses).ToList();
        Output.WriteLine($"{statuses.Count} requests in {Duration.TotalSeconds:0} s, all answered: " + string.Join(", ",
            statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Key} x {g.Count()}")));
        Assert.All(lanes.SelectMany(l => l.Unexpected), problem => Assert.Fail(problem));
        Assert.True(statuses.Count > Duration.TotalSeconds * 10, "The soak sent far fewer requests than its rate.");

        var rows = 0;
        foreach (var community in communities)
        {
            var expected = lanes.Where(l => l.Community == community).SelectMany(l => l.Products).ToDictionary(p => p.Key, p => p.Value);
            var stored = await StoreDatabase.ProductVouchersAsync(community.CommunityId);
            Assert.Equal(expected.Keys.Order(), stored.Keys.Order());
            foreach (var (id, codes) in expected)
            {
                Assert.Equal(codes.Order(), stored[id].Order()); // every code once: a repeat would show twice
                rows += 1 + codes.Count;
            }
        }

        Output.WriteLine($"checked {rows} rows (products and vouchers) against the answers");
    }

    /// <summary>One sequential client: it only touches its own products, so its expectations are exact.</summary>
    private sealed class Lane(PartnerApi api, Bootstrapped community, string prefix)
    {
        private readonly Random _random = new(prefix.GetHashCode(StringComparison.Ordinal));
        private int _next;

        public Bootstrapped Community => community;

        /// <summary>The products this lane created and did not delete, with the codes they must hold.</summary>
        public Dictionary<string, List<string>> Products { get; } = [];

        public List<HttpStatusCode> Statuses { get; } = [];

        public List<string> Unexpected { get; } = [];

        public async Task RunAsync(TimeSpan pace, CancellationToken stop)
        {
            using var timer = new PeriodicTimer(pace);
            try
            {
                for (var step = 0; await timer.WaitForNextTickAsync(stop); step++)
                {
                    await StepAsync(step);
                }
            }
            catch (OperationCanceledException)
            {
                // The soak's time is up; the step in flight finished before the timer was asked again.
            }
        }

        private async Task StepAsync(int step)
        {
            switch (step % 10)
            {
                case 0 or 5:
                    await BulkJsonAsync();
                    break;
                case 1:
                    await BulkCsvAsync();
                    break;
                case 2:
                    await SingleAsync();
                    break;
                case 3 or 7:
                    await AppendAsync();
                    break;
                case 4:
                    await RenameAsync();
                    break;
                case 6:
                    await DeleteAsync();
                    break;
                case 8:
                    await Expect(api.SendAsync(HttpMethod.Get, "/apis/products?limit=20", community.Token), HttpStatusCode.OK);
                    break;
                default:
                    await InvalidAsync();
                    break;
            }
        }

        private string[] NewCodes(int count) => [.. Enumerable.Range(0, count).Select(_ => $"{prefix}-{_next++}")];

        private async Task BulkJsonAsync()
        {
            var products = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => NewCodes(_random.Next(0, 4))).ToList();
            var body = new JsonArray([.. products.Select(codes => (JsonNode)Catalogue.Product($"{prefix} json", vouchers: codes))]);
            var response = await Expect(api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(body.ToJsonString())),
                HttpStatusCode.Created);
            Record(response, products);
        }

        private async Task BulkCsvAsync()
        {
            var products = Enumerable.Range(0, _random.Next(1, 3)).Select(_ => NewCodes(_random.Next(1, 4))).ToList();
            var csv = new StringBuilder("Name,Price,Category Name,Voucher Expire Date,Vouchers\n");
            foreach (var codes in products) csv.Append(CultureInfo.InvariantCulture, $"{prefix} csv,5,Premium Rewards,2031-01-01,\"{string.Join(',', codes)}\"\n");
            var response = await Expect(api.UploadCsvAsync(community.Token, Encoding.UTF8.GetBytes(csv.ToString())), HttpStatusCode.Created);
            Record(response, products);
        }

        private async Task SingleAsync()
        {
            var codes = NewCodes(2);
            var response = await Expect(api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, Catalogue.Product($"{prefix} single", vouchers: codes)),
                HttpStatusCode.Created);
            if (response?.Status == HttpStatusCode.Created) Products[response.Json.GetProperty("data").GetProperty("_id").GetString()!] = [.. codes];
        }

        private async Task AppendAsync()
        {
            if (Pick() is not { } id) return;
            var codes = NewCodes(2);
            var response = await Expect(api.SendAsync(HttpMethod.Put, $"/apis/products/{id}", community.Token,
                new { vouchers = codes, voucherExpireDate = "2031-01-01T00:00:00Z" }), HttpStatusCode.OK);
            if (response?.Status == HttpStatusCode.OK) Products[id].AddRange(codes);

            // The same codes again: 409, and nothing is added.
            await Expect(api.SendAsync(HttpMethod.Put, $"/apis/products/{id}", community.Token,
                new { vouchers = codes, voucherExpireDate = "2031-01-01T00:00:00Z" }), HttpStatusCode.Conflict);
        }

        private async Task RenameAsync()
        {
            if (Pick() is not { } id) return;
            await Expect(api.SendAsync(HttpMethod.Put, $"/apis/products/{id}", community.Token, new { name = $"{prefix} renamed" }), HttpStatusCode.OK);
        }

        private async Task DeleteAsync()
        {
            if (Pick() is not { } id) return;
            var response = await Expect(api.SendAsync(HttpMethod.Delete, $"/apis/products/{id}", community.Token), HttpStatusCode.OK);
            if (response?.Status == HttpStatusCode.OK) Products.Remove(id);
        }

        private Task<ApiResponse?> InvalidAsync() => _random.Next(3) switch
        {
            0 => Expect(api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson("[{\"name\": 12}]")), HttpStatusCode.BadRequest),
            1 => Expect(api.SendAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
                new JsonArray(Catalogue.Product($"{prefix} twice", vouchers: ["SAME", "SAME"]))), HttpStatusCode.Conflict),
            _ => Expect(api.SendAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
                new JsonArray(Catalogue.Product($"{prefix} nowhere", "No Such Category"))), HttpStatusCode.BadRequest),
        };

        private string? Pick() => Products.Count == 0 ? null : Products.Keys.ElementAt(_random.Next(Products.Count));

        private void Record(ApiResponse? response, List<string[]> products)
        {
            if (response?.Status != HttpStatusCode.Created) return;
            var data = response.Json.GetProperty("data");
            for (var i = 0; i < products.Count; i++) Products[data[i].GetProperty("_id").GetString()!] = [.. products[i]];
        }

        private async Task<ApiResponse?> Expect(Task<ApiResponse> sending, HttpStatusCode expected)
        {
            var response = await sending;
            Statuses.Add(response.Status);
            if (response.Status != expected) Unexpected.Add($"{prefix}: expected {(int)expected}, got {(int)response.Status}: {response.Body}");
            return response;
        }
    }
}
