namespace ReturningAi.Rewards.Csv;

/// <summary>A valid row of a currency CSV: the user's email, the ledger operation as recorded (<c>credit</c>, <c>debit</c>, <c>set</c>), and the entry's texts.</summary>
public sealed record CurrencyCsvRow(int Row, string Email, string Operation, decimal Amount, string Reason, string? Reference);
