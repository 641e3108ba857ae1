namespace ReturningAi.Rewards.Orders;

/// <summary>
/// The rules of redemption statuses (rewards.md §7): a colour is <c>#RRGGBB</c> or null; a community always
/// has exactly one default, <see cref="DefaultName"/> until the partner picks another; a status that refunds
/// is never the default, and whether it refunds is fixed when it is made.
/// </summary>
public static class RedemptionStatusRules
{
    public const string DefaultName = "Pending";
    public const int MaxNameLength = 200;

    public static bool IsColor(string color) =>
        color.Length == 7 && color[0] == '#' && color.AsSpan(1).ToString().All(Uri.IsHexDigit);

    /// <summary>Colours are kept as sent but compared and shown in upper case, as the product shows them.</summary>
    public static string NormalizeColor(string color) => color.ToUpperInvariant();
}
