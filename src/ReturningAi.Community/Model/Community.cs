namespace ReturningAi.Community.Model;

public sealed class Community
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
