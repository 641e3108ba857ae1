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
