using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReturningAi.Bench;

/// <summary>
/// A store to buy from, made through the partner API: buyers with money in their wallets, products with
/// vouchers, and purchases (rewards.md §3–4). Everything here goes through the gateway as a partner's calls do.
/// </summary>
internal sealed class Shop(HttpClient http, IReadOnlyList<string> buyers)
{
    public const decimal Price = 10;
    private int _next;

    public IReadOnlyList<string> Buyers => buyers;

    /// <summary>
    /// <paramref name="count"/> users made by <c>POST /users</c> (16 at a time), each credited by
    /// <c>POST /wallet/transactions</c> once the store has its copy of the user (from Community's events).
    /// </summary>
    public static async Task<Shop> OpenAsync(HttpClient http, int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            using var created = await http.PostAsJsonAsync(new Uri("/apis/users", UriKind.Relative),
                new { username = $"buyer{tag}{i:0000}", email = $"buyer{tag}{i:0000}@bench.example" }, cancellationToken);
            ids[i] = (await Expect(created, HttpStatusCode.Created)).GetProperty("_id").GetString()!;
        });
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, cancellationToken) =>
        {
            for (var attempt = 0; ; attempt++)
            {
                using var credit = await Send(http, "/apis/wallet/transactions",
                    new { userID = id, operation = "credit", amount = 1_000_000, reason = "Bench budget" });
                if (credit.StatusCode != HttpStatusCode.NotFound || attempt == 300)
                {
                    await Expect(credit, HttpStatusCode.Created);
                    return;
                }

                await Task.Delay(100, cancellationToken); // the store's copy of the user is still on its way
            }
        });
        return new Shop(http, ids);
    }

    /// <summary>A product anyone may buy at <see cref="Price"/>, with <paramref name="vouchers"/> vouchers: its id.</summary>
    public async Task<string> ProductAsync(int vouchers)
    {
        var name = $"Bench purchase {Guid.NewGuid():N}";
        using var created = await http.PostAsJsonAsync(new Uri("/apis/products/bulk", UriKind.Relative), new[]
        {
            new
            {
                name,
                price = Price,
                categoryName = "Premium Rewards",
                vouchers = Enumerable.Range(0, vouchers).Select(i => $"{name[^12..]}-{i:000000}").ToArray(),
                voucherExpireDate = "2030-01-01T00:00:00Z",
            },
        });
        return (await Expect(created, HttpStatusCode.Created))[0].GetProperty("_id").GetString()!;
    }

    /// <summary>One purchase of the product by the next buyer in turn (<c>POST /store/purchases</c>, 201 or it throws).</summary>
    public async Task BuyAsync(string productId)
    {
        var buyer = buyers[(int)((uint)Interlocked.Increment(ref _next) % buyers.Count)];
        using var bought = await Send(http, "/apis/store/purchases", new { productID = productId, userID = buyer });
        await Expect(bought, HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return http.SendAsync(request);
    }

    private static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("data").Clone();
    }
}
