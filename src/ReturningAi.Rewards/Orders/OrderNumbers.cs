using System.Globalization;
using System.Security.Cryptography;

namespace ReturningAi.Rewards.Orders;

/// <summary>
/// An order's human number (rewards.md §2): <c>ORD</c>, the UTC date as <c>yyyyMMdd</c>, 8 upper-case hex
/// characters. 32 random bits a day: a collision inside one community is rare, and the unique index turns
/// it into a retry with a new number.
/// </summary>
public static class OrderNumbers
{
    public const string Prefix = "ORD";
    public const int Length = 19;

    public static string New(DateTimeOffset now) =>
        Prefix + now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));

    /// <summary>Whether <paramref name="text"/> has an order number's shape (any case; <see cref="Normalize"/> before comparing).</summary>
    public static bool IsOrderNumber(string? text) =>
        text is { Length: Length }
        && text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && text.AsSpan(3, 8).ContainsAnyExceptInRange('0', '9') is false
        && DateTime.TryParseExact(text.AsSpan(3, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && text.AsSpan(11).ToString().All(Uri.IsHexDigit);

    public static string Normalize(string orderNumber) => orderNumber.ToUpperInvariant();
}
