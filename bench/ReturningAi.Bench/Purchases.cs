namespace ReturningAi.Bench;

/// <summary>
/// Scenario f (P12): 16 clients buying one product with 10,000 vouchers for 1,000 users through the gateway,
/// against <see cref="PurchaseFloor"/> in the same run, rounds alternating (floor first). Each round has a fresh
/// product of 10,000 vouchers on both sides and ends after its seconds or when the vouchers are sold.
/// </summary>
internal static class Purchases
{
    public const int Buyers = 1_000;
    public const int Vouchers = 10_000;
    private const int Clients = 16;

    public static async Task RunAsync(Shop shop, int rounds, TimeSpan duration, Action<string> report)
    {
        var floor = await PurchaseFloor.CreateAsync(Buyers);
        var warmUp = await shop.ProductAsync(50);
        for (var i = 0; i < 50; i++) await shop.BuyAsync(warmUp);

        var stack = new List<(double PerSecond, double[] Latencies)>();
        var bare = new List<(double PerSecond, double[] Latencies)>();
        var stackCpu = new List<Dictionary<string, double>>();
        var bareCpu = new List<Dictionary<string, double>>();
        for (var round = 0; round < rounds; round++)
        {
            var floorProduct = await floor.ProductAsync(Vouchers);
            bare.Add(await CpuMeasuredAsync(bareCpu, () => Load.TimedThroughputAsync(Clients, duration, Vouchers, () => floor.BuyAsync(floorProduct))));
            var product = await shop.ProductAsync(Vouchers);
            stack.Add(await CpuMeasuredAsync(stackCpu, () => Load.TimedThroughputAsync(Clients, duration, Vouchers, () => shop.BuyAsync(product))));
        }

        var rate = Load.Median(stack.Select(r => r.PerSecond));
        var floorRate = Load.Median(bare.Select(r => r.PerSecond));
        report($"f. purchases, {Clients} clients, {Buyers:N0} buyers, {Vouchers:N0} vouchers a round, {duration.TotalSeconds:0} s x {rounds}: median {rate:0} purchases/s, "
               + $"p50 {Load.Median(stack.Select(r => Load.Percentile(r.Latencies, 50))):0} ms, p99 {Load.Median(stack.Select(r => Load.Percentile(r.Latencies, 99))):0} ms; "
               + $"bare Npgsql floor {floorRate:0} purchases/s, p99 {Load.Median(bare.Select(r => Load.Percentile(r.Latencies, 99))):0.0} ms; "
               + $"ratio {rate / floorRate:P0} (target >= 50%)");
        report($"f. each round (purchases/s, p99 ms; floor): {string.Join("; ", stack.Zip(bare, (s, f) =>
            FormattableString.Invariant($"{s.PerSecond:0} {Load.Percentile(s.Latencies, 99):0}; {f.PerSecond:0} {Load.Percentile(f.Latencies, 99):0.0}")))}");
        report($"f. CPU ms per purchase, median of rounds: floor {CpuTime.Figures(bareCpu)}");
        report($"f. CPU ms per purchase, median of rounds: stack {CpuTime.Figures(stackCpu)}");
    }

    /// <summary>A phase's CPU milliseconds per purchase by part (<see cref="CpuTime"/>); work the purchases leave behind (events) counts only as far as done by its end.</summary>
    private static async Task<(double PerSecond, double[] Latencies)> CpuMeasuredAsync(List<Dictionary<string, double>> perPurchase,
        Func<Task<(double PerSecond, double[] Latencies)>> phase)
    {
        var before = CpuTime.Snapshot();
        var result = await phase();
        perPurchase.Add(CpuTime.PerRequest(before, CpuTime.Snapshot(), result.Latencies.Length));
        return result;
    }
}
