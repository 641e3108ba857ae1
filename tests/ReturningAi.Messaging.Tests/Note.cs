namespace ReturningAi.Messaging.Tests;

/// <summary>The data the tests' units of work write: a text unique in its table, to make a SaveChanges fail on purpose.</summary>
public sealed class Note
{
    public long Id { get; set; }

    public required string Text { get; set; }
}
