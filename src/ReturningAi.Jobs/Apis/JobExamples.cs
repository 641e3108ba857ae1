using System.Text.Json.Nodes;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Jobs.Apis;

/// <summary>The examples of the bulk job routes in the API document.</summary>
public static class JobExamples
{
    public const string UsersCsv = "email,username,roles,tags,points,points_op,tier\n"
        + "ada@example.com,ada_lovelace,\"VIP,Beta\",Early Access,100,add,gold\n"
        + "grace@example.com,,,,25,subtract,\n";

    public const string ErrorsCsv = "email,username,roles,tags,points,points_op,tier,error\r\n"
        + "new@example.com,,,,10,,,username: No user has the email 'new@example.com', and a new user needs a username.\r\n";

    public const string CurrencyCsv = "email,amount,operation,reason,reference\n"
        + "ada@example.com,100,add,Migration from the old CRM,crm-2291\n"
        + "grace@example.com,12.50,subtract,Correction,\n"
        + "linus@example.com,0,overwrite,Account closed,\n";

    public static RefusalExample[] FileRefusals { get; } =
    [
        new("missing_file", "The multipart body has no field named 'file' or 'data'.", "file"),
        new("file_too_large", "The CSV file is larger than 10 MiB.", "file"),
        new("unsupported_media_type", "The file must be text/csv, application/csv or application/vnd.ms-excel, not 'application/pdf'.", "file"),
        new("malformed_multipart", "The multipart body is malformed.", "file"),
        new("multiple_files", "Send one CSV file per request: the body has more than one field named 'file' or 'data'.", "file"),
        new("invalid_encoding", "Line 3 is not valid UTF-8; save the file as UTF-8."),
        new("malformed_csv", "The file is not a readable CSV file."),
        new("empty", "The file has a header but no row."),
        new("too_many_rows", "At most 100,000 rows per file; line 100,002 is one more."),
        new("missing_column", "The file needs a reason column.", "reason"),
        new("unknown_column", "'note' is not a column of a currency file; use email, amount, operation, reason, reference.", "note"),
        new("duplicate_column", "The column 'email' appears twice.", "email"),
    ];

    public static RefusalExample TooManyActiveJobs { get; } =
        new("too_many_active_jobs", "This community has 5 bulk jobs queued or running; upload again when one has finished.");

    public static RefusalExample NotMultipart { get; } =
        new("unsupported_media_type", "Send the CSV as multipart/form-data, in the field 'file' (or 'data').");

    public static RefusalExample UpstreamUnavailable { get; } =
        new("upstream_unavailable", "The users service could not check the file's columns in time; nothing was queued. Try again.");

    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    public static JobDto QueuedJob { get; } = new("6750c9e514a3e564c5c09c11", "6502c9e514a3e564c5c09c0a", JobTypes.Users, JobStates.Queued,
        "members.csv", [], new JobRowsDto(1000, 0, 0, 0), 0, "6502c9e514a3e564c5c09c0b", null, Created, null, null);

    public static JobDto QueuedCurrencyJob { get; } = QueuedJob with { Type = JobTypes.Currency, FileName = "balances.csv" };

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
