namespace ReturningAi.Rewards.Wallets;

/// <summary>
/// The rules of points (rewards.md §3): amounts are exact decimals of at most two places, above 0 (a
/// <c>set</c> may be 0) and at most 10⁹; a balance never goes below 0, so an overdraw writes nothing; a
/// <c>set</c> writes the difference.
/// </summary>
public static class WalletRules
{
    public const decimal MaxAmount = 1_000_000_000m;
    public const int MaxDecimals = 2;
    public const int MaxReasonLength = 500;
    public const int MaxReferenceLength = 255;

    /// <summary>Why <paramref name="amount"/> is refused for <paramref name="operation"/>, or null when it is acceptable.</summary>
    public static string? AmountProblem(string operation, decimal amount)
    {
        if (operation == LedgerOperations.Set ? amount < 0 : amount <= 0)
        {
            return operation == LedgerOperations.Set ? "amount must be 0 or more." : "amount must be more than 0.";
        }

        if (amount > MaxAmount) return "amount must be at most 1,000,000,000.";
        return DecimalPlaces(amount) > MaxDecimals ? "amount must have at most 2 decimal places." : null;
    }

    /// <summary>The change <paramref name="operation"/> of <paramref name="amount"/> makes to <paramref name="balance"/>.</summary>
    public static WalletChange Apply(decimal balance, string operation, decimal amount)
    {
        var delta = operation switch
        {
            LedgerOperations.Credit => amount,
            LedgerOperations.Debit => -amount,
            LedgerOperations.Set => amount - balance,
            _ => throw new ArgumentException($"'{operation}' is not a ledger operation.", nameof(operation)),
        };
        var after = balance + delta;
        return after < 0 ? new WalletChange(null, balance) : new WalletChange(delta, after);
    }

    /// <summary>Places after the point that carry a value: 1.50 has one, 1.005 three.</summary>
    public static int DecimalPlaces(decimal value)
    {
        var places = 0;
        value = Math.Abs(value);
        while (value != decimal.Truncate(value))
        {
            value *= 10;
            places++;
        }

        return places;
    }
}
