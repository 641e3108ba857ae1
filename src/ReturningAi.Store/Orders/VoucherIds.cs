using System.Globalization;

namespace ReturningAi.Store.Orders;

/// <summary>
/// A voucher's id as events carry it: 24 lower-case hex characters (CONTRACT.md §1) of the number that also
/// orders vouchers by when they were added.
/// </summary>
public static class VoucherIds
{
    public static string Format(long id) => id.ToString("x24", CultureInfo.InvariantCulture);
}
