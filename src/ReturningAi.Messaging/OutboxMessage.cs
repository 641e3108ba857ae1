namespace ReturningAi.Messaging;

/// <summary>
/// An event in a service's <c>outbox_messages</c> table, written in the transaction of the data it
/// reports and published afterwards by <see cref="OutboxDispatcher"/>. Mapped by
/// <see cref="MessagingModelExtensions.AddOutbox"/> for the migration and for reading; the writes
/// are plain SQL (<see cref="OutboxWriter"/>).
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Creation order, assigned as the transaction commits: the order events are published in.</summary>
    public long Position { get; init; }

    /// <summary>The message id on the bus; a consumer's inbox keys on it.</summary>
    public Guid Id { get; init; }

    /// <summary>The narrowest thing whose events must stay in order (an aggregate's id, say).</summary>
    public required string Source { get; init; }

    /// <summary>The message's CLR type, <c>Namespace.Type, Assembly</c>.</summary>
    public required string MessageType { get; init; }

    /// <summary>The message as JSON.</summary>
    public required string Body { get; init; }

    /// <summary>The W3C trace context of the request that wrote it, so the publish continues its trace.</summary>
    public string? TraceParent { get; init; }

    public DateTimeOffset WrittenAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Why a message that can never be published (its type is gone, its body unreadable) was set aside.</summary>
    public string? Error { get; init; }
}
