using System.Globalization;
using System.Text;

namespace ReturningAi.TestSupport;

/// <summary>
/// The largest legal bulk request: a CSV of exactly the given size (10 MiB) with 100 products and as
/// many distinct voucher codes as fit (about 1.16 million), padded to the byte in one description.
/// </summary>
public static class LargestCsv
{
    public const int MaxBytes = 10 * 1024 * 1024;
    private const int Products = 100;
    private const int CodeLength = 8; // "V" and seven digits: 9 bytes with its comma

    public static (byte[] File, int VoucherCount) Build(string categoryName, int totalBytes = MaxBytes)
    {
        const string header = "Name,Price,Category Name,Voucher Expire Date,Description,Vouchers\n";
        var fixedBytes = header.Length + Enumerable.Range(0, Products).Sum(p => Row(p, categoryName, "", "").Length);
        var codes = (totalBytes - fixedBytes + Products) / (CodeLength + 1);

        var builder = new StringBuilder(totalBytes);
        var next = 0;
        var rows = new List<(int Product, string Codes)>(Products);
        for (var p = 0; p < Products; p++)
        {
            var count = codes / Products + (p < codes % Products ? 1 : 0);
            rows.Add((p, string.Join(',', Enumerable.Range(next, count).Select(i => "V" + i.ToString("D7", CultureInfo.InvariantCulture)))));
            next += count;
        }

        var unpadded = header.Length + rows.Sum(r => Row(r.Product, categoryName, "", r.Codes).Length);
        var padding = new string('x', totalBytes - unpadded);
        builder.Append(header);
        foreach (var (product, list) in rows) builder.Append(Row(product, categoryName, product == 0 ? padding : "", list));

        var file = Encoding.ASCII.GetBytes(builder.ToString());
        if (file.Length != totalBytes) throw new InvalidOperationException($"Built {file.Length} bytes, not {totalBytes}.");
        return (file, codes);
    }

    private static string Row(int product, string category, string description, string codes) =>
        $"P{product:000},1,{category},2030-01-01T00:00:00Z,{description},\"{codes}\"\n";
}
