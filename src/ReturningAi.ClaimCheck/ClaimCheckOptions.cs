namespace ReturningAi.ClaimCheck;

/// <summary>Section <c>ClaimCheck</c>.</summary>
public sealed class ClaimCheckOptions
{
    public const string SectionName = "ClaimCheck";

    /// <summary>How long a payload stored without a time to live is kept.</summary>
    public int DefaultTimeToLiveSeconds { get; set; } = 3600;

    /// <summary>How often expired payloads (their message never consumed) are deleted.</summary>
    public int SweepIntervalSeconds { get; set; } = 60;
}
