namespace ReturningAi.Store.Wallets;

/// <summary>What a ledger entry is to record, before the wallet's balance decides its delta.</summary>
public sealed record LedgerDraft(
    string Operation,
    decimal Amount,
    string Reason,
    string? Reference,
    string Source,
    string? OrderId = null,
    string? JobId = null,
    string? ApiKeyId = null,
    int? JobRow = null);
