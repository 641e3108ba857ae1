namespace ReturningAi.Messaging;

/// <summary>A message a consumer has handled, written in the transaction of its effect (<see cref="Inbox"/>).</summary>
public sealed class InboxMessage
{
    public required string Consumer { get; init; }

    public Guid MessageId { get; init; }

    public DateTimeOffset HandledAt { get; init; }
}
