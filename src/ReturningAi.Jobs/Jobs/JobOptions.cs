namespace ReturningAi.Jobs.Jobs;

/// <summary>Limits and pacing of bulk jobs (configuration section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Rows a file may hold (events-and-jobs.md section 3).</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Jobs queued or running at once in one community; one more is 409 <c>too_many_active_jobs</c>.</summary>
    public int MaxActivePerCommunity { get; set; } = 5;

    /// <summary>Rows a chunk carries to the owning service, and the most of their text (a chunk is one message).</summary>
    public int ChunkRows { get; set; } = 500;

    /// <summary>
    /// Rows a chunk of a currency job carries: the Store applies a chunk in one transaction of a few statements (its markers and
    /// entries by COPY), so a chunk's cost is mostly its round trip, and larger chunks make fewer of them (bench scenario i).
    /// </summary>
    public int CurrencyChunkRows { get; set; } = 5_000;

    public int ChunkCharacters { get; set; } = 1024 * 1024;

    /// <summary>How long a worker's claim on a job holds without renewal; a dead worker's job is taken over after it.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often an idle worker looks for a job it may have missed the signal of.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Jobs one instance runs side by side (of different communities or types).</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>How long the owning service may take for one chunk before it is sent again (its rows apply once either way).</summary>
    public int ChunkTimeoutSeconds { get; set; } = 120;

    /// <summary>Sends of one chunk before the job ends with the rows it could not process.</summary>
    public int ChunkAttempts { get; set; } = 8;

    /// <summary>Finished jobs are kept this long (their files and row results go with them).</summary>
    public int KeepDays { get; set; } = Contracts.Jobs.JobRetention.Days;

    /// <summary>How long the upload waits for the owner's check of the header.</summary>
    public int HeaderCheckSeconds { get; set; } = 15;
}
