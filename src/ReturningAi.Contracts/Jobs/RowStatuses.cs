namespace ReturningAi.Contracts.Jobs;

/// <summary>A row's status in a job's details.</summary>
public static class RowStatuses
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string NotApplied = "not_applied";

    public static IReadOnlyList<string> All { get; } = [Created, Updated, Applied, Failed, NotApplied];
}
