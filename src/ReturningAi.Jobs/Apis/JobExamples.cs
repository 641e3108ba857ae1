using System.Text.Json.Nodes;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Jobs.Apis;

/// <summary>The examples of the bulk job routes in the API document.</summary>
public static class JobExamples
{
    public const string UsersCsv = "email,username,roles,tags,points,points_op,tier\n"
        + "ada@example.com,ada_lovelace,\"VIP,Beta\",Early Access,100,add,gold\n"
        + "grace@example.com,,,,25,subtract,\n";

    public const string ErrorsCsv = "email,username,roles,tags,points,points_op,tier,error\r\n"
        + "new@example.com,,,,10,,,username: No user has the email 'new@example.com', and a new user needs a username.\r\n";

    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    public static JobDto QueuedJob { get; } = new("6750c9e514a3e564c5c09c11", "6502c9e514a3e564c5c09c0a", JobTypes.Users, JobStates.Queued,
        "members.csv", [], new JobRowsDto(1000, 0, 0, 0), 0, "6502c9e514a3e564c5c09c0b", null, Created, null, null);

    public static JobDto FinishedJob { get; } = QueuedJob with
    {
        State = JobStates.PartiallySucceeded,
        Rows = new JobRowsDto(1000, 1000, 997, 3),
        Progress = 100,
        StartedAt = Created.AddSeconds(1),
        FinishedAt = Created.AddSeconds(42),
    };

    public static IReadOnlyList<JobDetailDto> Details { get; } =
    [
        new(2, RowStatuses.Created, [], new JsonObject { ["userID"] = "6750c9f014a3e564c5c09c21" }),
        new(3, RowStatuses.Failed, [new ErrorItem("missing_username", "No user has the email 'new@example.com', and a new user needs a username.", "username")
        {
            Row = 3,
            Column = "username",
        }], null),
    ];
}
