using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Products;

/// <summary>Voucher codes that appear more than once anywhere in one request: each repeat is one 409 item.</summary>
public static class VoucherDuplicates
{
    public static List<ErrorItem> Find(IReadOnlyList<ProductInput> products, bool isBulk)
    {
        var errors = new List<ErrorItem>();
        // Positions, not field strings: a large import has about a million codes.
        var seen = new Dictionary<string, (int Product, int Voucher)>(StringComparer.Ordinal);
        for (var p = 0; p < products.Count; p++)
        {
            var vouchers = products[p].Vouchers;
            for (var v = 0; v < vouchers.Count; v++)
            {
                if (!seen.TryAdd(vouchers[v], (p, v)))
                {
                    var first = seen[vouchers[v]];
                    errors.Add(new ErrorItem("duplicate_voucher",
                        $"Voucher code '{vouchers[v]}' appears more than once in this request (first at {Field(isBulk, first.Product, first.Voucher)}).",
                        Field(isBulk, p, v))
                    {
                        Index = isBulk ? p : null,
                    });
                }
            }
        }

        return errors;
    }

    private static string Field(bool isBulk, int product, int voucher) =>
        isBulk ? $"[{product}].vouchers[{voucher}]" : $"vouchers[{voucher}]";
}
