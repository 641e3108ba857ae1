namespace ReturningAi.Contracts.Rewards;

/// <summary>The older status form's answer (<c>PUT /redemption-transactions/status</c>), as the product documents it.</summary>
public sealed record TransactionStatusDto(string TransactionId, string StatusId, OrderStatusDto Status);
