namespace ReturningAi.Rewards.Access;

/// <summary>What the product's access rules say of one buyer; <see cref="Grants"/> are the matching full-access entries.</summary>
public sealed record AccessDecision(AccessOutcome Outcome, IReadOnlyList<AccessEntry> Grants)
{
    public bool MayBuy => Outcome is AccessOutcome.Open or AccessOutcome.Granted;
}
