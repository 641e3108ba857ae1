namespace ReturningAi.Contracts.Jobs;

/// <summary><c>queued → running → succeeded | partially_succeeded | failed</c>; the last three are final.</summary>
public static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string PartiallySucceeded = "partially_succeeded";
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Queued, Running, Succeeded, PartiallySucceeded, Failed];

    public static bool IsFinal(string state) => state is Succeeded or PartiallySucceeded or Failed;

    /// <summary>The final state of a job whose rows ended so: none failed, some of each, or nothing applied.</summary>
    public static string Final(int succeeded, int failed) => failed == 0 ? Succeeded : succeeded == 0 ? Failed : PartiallySucceeded;
}
