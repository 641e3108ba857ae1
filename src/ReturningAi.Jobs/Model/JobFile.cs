namespace ReturningAi.Jobs.Model;

/// <summary>The uploaded file, as it came: the rows are read from it in file order, and the errors file is cut from it.</summary>
public sealed class JobFile
{
    public required string JobId { get; init; }
    public required byte[] Content { get; init; }
}
