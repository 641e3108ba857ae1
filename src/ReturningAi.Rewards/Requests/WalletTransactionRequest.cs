namespace ReturningAi.Rewards.Requests;

/// <summary>The body of <c>POST /wallet/transactions</c> (rewards.md §3); <see cref="Operation"/> as the ledger records it.</summary>
public sealed record WalletTransactionRequest(UserReference User, string Operation, decimal Amount, string Reason, string? Reference);
