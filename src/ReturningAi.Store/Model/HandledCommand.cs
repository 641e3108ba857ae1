namespace ReturningAi.Store.Model;

/// <summary>
/// A command the store has carried out, recorded in the same transaction as its data, with the reply
/// it gave: a redelivered command gets the same reply and creates nothing twice.
/// </summary>
public sealed class HandledCommand
{
    public required Guid MessageId { get; init; }
    public required string CommunityId { get; init; }
    public required string Reply { get; init; }
    public DateTimeOffset HandledAt { get; init; }
}
