using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Products;

/// <summary>Voucher codes that appear more than once anywhere in one request: each repeat is one 409 item.</summary>
public static class VoucherDuplicates
{
    public static List<ErrorItem> Find(IReadOnlyList<ProductInput> products, bool isBulk)
    {
        var errors = new List<ErrorItem>();
        // Positions (product, voucher), hashed and compared over the codes' text: a large import has about a
        // million codes, and no string is made of them here.
        var codes = new CodeAtPosition(products);
        var seen = new HashSet<long>(products.Sum(p => p.Vouchers.Count), codes);
        for (var p = 0; p < products.Count; p++)
        {
            var vouchers = products[p].Vouchers;
            for (var v = 0; v < vouchers.Count; v++)
            {
                var position = CodeAtPosition.Of(p, v);
                if (!seen.Add(position))
                {
                    seen.TryGetValue(position, out var first);
                    var (firstProduct, firstVoucher) = CodeAtPosition.Split(first);
                    errors.Add(new ErrorItem("duplicate_voucher",
                        $"Voucher code '{vouchers[v]}' appears more than once in this request (first at {Field(isBulk, firstProduct, firstVoucher)}).",
                        Field(isBulk, p, v))
                    {
                        Index = isBulk ? p : null,
                    });
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// Every occurrence of a code that appears more than once, the first one too, as a 409 item with its product's
    /// index: in a products job with <c>onError=skip</c> all products sharing a duplicated code are left out, not
    /// only the later ones, since no one can tell which of them the code was meant for.
    /// </summary>
    public static List<ErrorItem> FindAllOccurrences(IReadOnlyList<ProductInput> products)
    {
        var codes = new CodeAtPosition(products);
        // By code: where it first appears, and how often.
        var counts = new Dictionary<long, (long First, int Count)>(codes);
        for (var p = 0; p < products.Count; p++)
        {
            for (var v = 0; v < products[p].Vouchers.Count; v++)
            {
                var position = CodeAtPosition.Of(p, v);
                counts[position] = counts.TryGetValue(position, out var seen) ? (seen.First, seen.Count + 1) : (position, 1);
            }
        }

        var errors = new List<ErrorItem>();
        for (var p = 0; p < products.Count; p++)
        {
            var vouchers = products[p].Vouchers;
            for (var v = 0; v < vouchers.Count; v++)
            {
                var position = CodeAtPosition.Of(p, v);
                var (first, count) = counts[position];
                if (count < 2) continue;
                var (firstProduct, firstVoucher) = CodeAtPosition.Split(first);
                errors.Add(new ErrorItem("duplicate_voucher",
                    $"Voucher code '{vouchers[v]}' appears {count} times in this request (first at {Field(true, firstProduct, firstVoucher)}).",
                    Field(true, p, v))
                {
                    Index = p,
                });
            }
        }

        return errors;
    }

    private static string Field(bool isBulk, int product, int voucher) =>
        isBulk ? $"[{product}].vouchers[{voucher}]" : $"vouchers[{voucher}]";

    /// <summary>Equality of positions by the code found there (ordinal, as codes are stored).</summary>
    private sealed class CodeAtPosition(IReadOnlyList<ProductInput> products) : IEqualityComparer<long>
    {
        public static long Of(int product, int voucher) => ((long)product << 32) | (uint)voucher;

        public static (int Product, int Voucher) Split(long position) => ((int)(position >> 32), (int)position);

        public bool Equals(long x, long y) => Code(x).SequenceEqual(Code(y));

        public int GetHashCode(long position) => string.GetHashCode(Code(position));

        private ReadOnlySpan<char> Code(long position)
        {
            var (product, voucher) = Split(position);
            var vouchers = products[product].Vouchers;
            return vouchers is VoucherCodes codes ? codes.CodeAt(voucher) : vouchers[voucher];
        }
    }
}
