using ReturningAi.Contracts.Rewards;

namespace ReturningAi.Contracts.Commands;

/// <summary>The store's answer to <see cref="UpdatePurchaseHistory"/>: the order as it now is.</summary>
public sealed record PurchaseHistoryUpdated(OrderDto Order);
