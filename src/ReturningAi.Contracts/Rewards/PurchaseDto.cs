namespace ReturningAi.Contracts.Rewards;

/// <summary>What a purchase answers: the order, the debit (null at price 0) and the wallet after it.</summary>
public sealed record PurchaseDto(OrderDto Order, LedgerEntryDto? Transaction, WalletDto Wallet);
