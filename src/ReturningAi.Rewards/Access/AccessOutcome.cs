namespace ReturningAi.Rewards.Access;

public enum AccessOutcome
{
    /// <summary>Product access is off: anyone may buy, without special prices or limits.</summary>
    Open,

    /// <summary>At least one full-access entry matches: those are the buyer's grants.</summary>
    Granted,

    /// <summary>Only view-only entries match: 403 <c>view_only</c>.</summary>
    ViewOnly,

    /// <summary>Nothing matches: 403 <c>not_eligible</c>.</summary>
    NotEligible,
}
