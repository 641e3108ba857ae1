using ReturningAi.Contracts.Rewards;
using ReturningAi.Rewards.Purchases;

namespace ReturningAi.Store.Purchases;

/// <summary>A purchase made, or the refusal that answered instead (and then nothing was written).</summary>
public sealed record PurchaseOutcome(PurchaseDto? Purchase, PurchaseRefusal? Refusal)
{
    public static implicit operator PurchaseOutcome(PurchaseRefusal refusal) => new(null, refusal);
}
