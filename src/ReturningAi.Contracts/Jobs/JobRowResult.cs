using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// One row's outcome as the owning service recorded it: <c>UserId</c> for users rows; for currency rows also the
/// ledger entry (<c>TransactionId</c>) and the <c>Balance</c> after it; for products the created product (<c>ProductId</c>).
/// </summary>
public sealed record JobRowResult(int Row, string Status, IReadOnlyList<ErrorItem> Errors, string? UserId, string? TransactionId = null, decimal? Balance = null,
    string? ProductId = null);
