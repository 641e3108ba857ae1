using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReturningAi.Bench;
using ReturningAi.TestSupport;

// The bulk path against its floors, side by side in one run. See README.md beside this file.
var gateway = new Uri(Argument("--gateway") ?? "http://localhost:8080");
var adminToken = Argument("--admin-token") ?? Environment.GetEnvironmentVariable("BENCH_ADMIN_TOKEN")
    ?? throw new InvalidOperationException("Pass --admin-token (the stack's platform-admin-token).");
var seconds = int.Parse(Argument("--seconds") ?? "10", CultureInfo.InvariantCulture);
var rounds = int.Parse(Argument("--rounds") ?? "3", CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(seconds);
var only = (Argument("--only") ?? "a,b,c,d,e,f,g,h,i,j").Split(',');
var eventRate = double.Parse(Argument("--event-rate") ?? "50", CultureInfo.InvariantCulture);
TestServers.EnsureReachable();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(3) };
var (token, communityId) = await Setup.CommunityAsync(http, adminToken);
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
var pageExample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PageExample.json"));
var hundred = JsonSerializer.Serialize(Enumerable.Range(0, 100).Select(i => new
{
    name = $"Bulk {i}",
    price = 10,
    categoryName = "Premium Rewards",
    vouchers = new[] { $"B{i}-A", $"B{i}-B" },
    voucherExpireDate = "2030-01-01T00:00:00Z",
}));
var (largest, largestVouchers) = LargestCsv.Build("Premium Rewards");
var largestRows = LargestRows(largest);

await using var floors = await Floors.CreateAsync();
var floor = await floors.StartKestrelAsync();
using var floorHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = floor };

Task Post(HttpClient client, string path, string json) => Send(client, path, new StringContent(json, Encoding.UTF8, "application/json"));

Console.WriteLine($"Warming up ({DateTime.UtcNow:u})");
for (var i = 0; i < 30; i++)
{
    await Post(http, "/apis/products/bulk", pageExample);
    await Post(floorHttp, "/floor", pageExample);
}

var results = new List<string>();
void Report(string line)
{
    Console.WriteLine(line);
    results.Add(line);
}

// a. The page example: latency one at a time, throughput at 16 clients, against the bare Kestrel floor.
if (only.Contains("a"))
{
    var latencies = await Load.LatenciesAsync(300, () => Post(http, "/apis/products/bulk", pageExample));
    var floorLatencies = await Load.LatenciesAsync(300, () => Post(floorHttp, "/floor", pageExample));
    Report($"a. page example, 1 client, 300 requests: p50 {Load.Percentile(latencies, 50):0.0} ms, p99 {Load.Percentile(latencies, 99):0.0} ms "
           + $"(bare Kestrel floor p50 {Load.Percentile(floorLatencies, 50):0.0} ms, p99 {Load.Percentile(floorLatencies, 99):0.0} ms)");
    var gatewayRps = new List<double>();
    var floorRps = new List<double>();
    var gatewayCpu = new List<Dictionary<string, double>>();
    var floorCpu = new List<Dictionary<string, double>>();
    for (var round = 0; round < rounds; round++)
    {
        floorRps.Add(await CpuMeasured(floorCpu, () => Load.ThroughputAsync(16, duration, () => Post(floorHttp, "/floor", pageExample))));
        gatewayRps.Add(await CpuMeasured(gatewayCpu, () => Load.ThroughputAsync(16, duration, () => Post(http, "/apis/products/bulk", pageExample))));
    }

    Report($"a. page example, 16 clients, {seconds} s x {rounds}: median {Load.Median(gatewayRps):0} req/s; bare Kestrel floor {Load.Median(floorRps):0} req/s; "
           + $"ratio {Load.Median(gatewayRps) / Load.Median(floorRps):P0} (target >= 50%)");
    Report($"a. CPU ms per request, median of rounds: floor {CpuTime.Figures(floorCpu)}");
    Report($"a. CPU ms per request, median of rounds: stack {CpuTime.Figures(gatewayCpu)}");
}

// b. 100 products with 2 vouchers each, 4 clients.
if (only.Contains("b"))
{
    var bulkRps = new List<double>();
    var bulkCpu = new List<Dictionary<string, double>>();
    for (var round = 0; round < rounds; round++) bulkRps.Add(await CpuMeasured(bulkCpu, () => Load.ThroughputAsync(4, duration, () => Post(http, "/apis/products/bulk", hundred))));
    Report($"b. 100 products x 2 vouchers, 4 clients, {seconds} s x {rounds}: median {Load.Median(bulkRps) * 100:0} products/s (target >= 5,000)");
    // Per request of 100 products: where a products/s target with no floor beside it goes.
    Report($"b. CPU ms per request of 100 products, median of rounds: {CpuTime.Figures(bulkCpu)}");
}

// e. Commit to receipt of PRODUCT_EVENTS.PRODUCTS_CREATED through the store's outbox: 1,000 page examples at a steady rate,
// after the servers settled from b's bulks, as f, h and i settle from what ran before them.
if (only.Contains("e"))
{
    await Settle.ServersAsync("e", Report);
    await using var events = await EventDelays.ListenAsync("PRODUCT_EVENTS.PRODUCTS_CREATED", communityId);
    await Load.SteadyAsync(1_000, eventRate, () => Post(http, "/apis/products/bulk", pageExample));
    var delays = await events.WaitForAsync(1_000, TimeSpan.FromMinutes(2));
    Report($"e. PRODUCTS_CREATED through the outbox, 1,000 creates at {eventRate:0}/s: commit to receipt p50 {Load.Percentile(delays, 50):0} ms, "
           + $"p99 {Load.Percentile(delays, 99):0} ms, max {delays[^1]:0} ms (target p99 < 250 ms)");
}

// f. purchases, g. user search, h. webhook deliveries: each in its own file (Purchases, UserSearches, WebhookDeliveries).
var shop = only.Contains("f") || only.Contains("h") ? await Shop.OpenAsync(http, Purchases.Buyers) : null;
// Each after the servers settled from what ran before it (g settles after its seed, inside).
if (only.Contains("f"))
{
    await Settle.ServersAsync("f", Report);
    await Purchases.RunAsync(shop!, rounds, duration, Report);
}

if (only.Contains("g")) await UserSearches.RunAsync(http, communityId, Report);
if (only.Contains("h"))
{
    await Settle.ServersAsync("h", Report);
    await WebhookDeliveries.RunAsync(http, communityId, shop!, Report);
}

// c. The largest legal CSV, alternating with the COPY floor; peak memory of the gateway and the store while it runs.
var csvSeconds = new List<double>();
var copySeconds = new List<double>();
long gatewayPeak = 0, storePeak = 0;
var cRounds = new List<string>();
for (var round = 0; round < (only.Contains("c") ? rounds : 0); round++)
{
    copySeconds.Add(await Floors.CopyAsync(largestRows));
    await using var memory = new PeakMemory("ReturningAi.Gateway", "ReturningAi.Store");
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    var form = new MultipartFormDataContent();
    var file = new ByteArrayContent(largest);
    file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    form.Add(file, "file", "largest.csv");
    await Send(http, "/apis/products/bulk", form);
    csvSeconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    gatewayPeak = Math.Max(gatewayPeak, memory.PeakMiB("ReturningAi.Gateway"));
    storePeak = Math.Max(storePeak, memory.PeakMiB("ReturningAi.Store"));
    cRounds.Add(RoundFigures(csvSeconds[^1], memory));
}

if (only.Contains("c"))
{
    Report($"c. largest CSV (10 MiB, 100 products, {largestVouchers:N0} vouchers) x {rounds}: median {Load.Median(csvSeconds):0.00} s; "
           + $"COPY floor {Load.Median(copySeconds):0.00} s; ratio {Load.Median(csvSeconds) / Load.Median(copySeconds):0.00}x (target <= 2.0x)");
    Report($"c. peak resident memory during it: gateway {gatewayPeak} MiB (target <= 256), store {storePeak} MiB (target <= 512)");
    Report($"c. each round (s, gateway / store peak MiB): {string.Join("; ", cRounds)}");
}

// d. The largest request the permission bounds allow: 10 MiB of entries whose every name resolves.
if (only.Contains("d"))
{
    var body = await LargestPermissions.BodyForAsync(http);
    var dSeconds = new List<double>();
    long dGatewayPeak = 0, dStorePeak = 0;
    var dRounds = new List<string>();
    for (var round = 0; round < rounds; round++)
    {
        await using var memory = new PeakMemory("ReturningAi.Gateway", "ReturningAi.Store");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Post(http, "/apis/products/bulk", body);
        dSeconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        dGatewayPeak = Math.Max(dGatewayPeak, memory.PeakMiB("ReturningAi.Gateway"));
        dStorePeak = Math.Max(dStorePeak, memory.PeakMiB("ReturningAi.Store"));
        dRounds.Add(RoundFigures(dSeconds[^1], memory));
    }

    var products = JsonDocument.Parse(body).RootElement.GetArrayLength();
    Report($"d. largest permission request ({Encoding.UTF8.GetByteCount(body) / 1024.0 / 1024:0.0} MiB JSON, {products} products x 50 entries x 2,300 names "
           + $"= {products * 50 * 2300:N0} names) x {rounds}: median {Load.Median(dSeconds):0.00} s; peak resident memory: gateway {dGatewayPeak} MiB (target <= 256), "
           + $"store {dStorePeak} MiB (target <= 512)");
    Report($"d. each round (s, gateway / store peak MiB): {string.Join("; ", dRounds)}");
}

// i. A currency job of 100,000 rows against a COPY of its ledger rows (CurrencyJob.cs).
if (only.Contains("i"))
{
    await Settle.ServersAsync("i", Report);
    await CurrencyJob.RunAsync(http, rounds, Report);
}

// j. Users jobs: new users, then the same users updated (UsersJob.cs).
if (only.Contains("j"))
{
    await Settle.ServersAsync("j", Report);
    await UsersJob.RunAsync(http, rounds, Report);
}

Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "results"));
var resultFile = Path.Combine(AppContext.BaseDirectory, "results", $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.txt");
await File.WriteAllLinesAsync(resultFile, results);
Console.WriteLine($"Written to {resultFile}");
return;

// A throughput phase's CPU milliseconds per request, by part of the stack (CpuTime).
async Task<double> CpuMeasured(List<Dictionary<string, double>> perRequest, Func<Task<double>> phase)
{
    var before = CpuTime.Snapshot();
    var requestsPerSecond = await phase();
    perRequest.Add(CpuTime.PerRequest(before, CpuTime.Snapshot(), requestsPerSecond * seconds));
    return requestsPerSecond;
}


// One round as "12.34 s 301 / 455": a process's peak grows over rounds while its pools keep large buffers.
static string RoundFigures(double seconds, PeakMemory memory) =>
    string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s {memory.PeakMiB("ReturningAi.Gateway")} / {memory.PeakMiB("ReturningAi.Store")}");

static async Task Send(HttpClient client, string path, HttpContent content)
{
    using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
    if (response.StatusCode != HttpStatusCode.Created)
    {
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

string? Argument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

// The rows the largest CSV holds, for the COPY floor: per product its codes.
static List<(string Product, string[] Codes)> LargestRows(byte[] csv) =>
    [.. Encoding.ASCII.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select((line, i) =>
        ($"bench{i:0000000000000000000}", line[(line.IndexOf('"', StringComparison.Ordinal) + 1)..line.LastIndexOf('"')].Split(',')))];
