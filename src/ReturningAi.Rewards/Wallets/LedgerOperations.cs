namespace ReturningAi.Rewards.Wallets;

/// <summary>
/// The operations a ledger records (rewards.md §2), and the incoming webhook's and bulk file's words for
/// them (events-and-jobs.md §2): <c>add</c>, <c>subtract</c>, <c>overwrite</c>.
/// </summary>
public static class LedgerOperations
{
    public const string Credit = "credit";
    public const string Debit = "debit";
    public const string Set = "set";

    public static IReadOnlyList<string> All { get; } = [Credit, Debit, Set];

    /// <summary>Every word a request may send, ours first.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [Credit, Debit, Set, "add", "subtract", "overwrite"];

    /// <summary>The recorded operation for a word a request sent (exact, lower case), or null when unknown.</summary>
    public static string? Recorded(string word) => word switch
    {
        Credit or "add" => Credit,
        Debit or "subtract" => Debit,
        Set or "overwrite" => Set,
        _ => null,
    };
}
