namespace ReturningAi.Rewards.Purchases;

/// <summary>Why a purchase is refused: the HTTP status, the machine code, a sentence, and the field it belongs to (if any).</summary>
public sealed record PurchaseRefusal(int Status, string Code, string Message, string? Field = null);
