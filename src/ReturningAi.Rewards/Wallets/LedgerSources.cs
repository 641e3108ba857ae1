namespace ReturningAi.Rewards.Wallets;

/// <summary>What wrote a ledger entry (<c>source</c>).</summary>
public static class LedgerSources
{
    public const string Api = "api";
    public const string Purchase = "purchase";
    public const string Refund = "refund";
    public const string Bulk = "bulk";

    public static IReadOnlyList<string> All { get; } = [Api, Purchase, Refund, Bulk];
}
