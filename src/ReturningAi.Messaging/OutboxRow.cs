namespace ReturningAi.Messaging;

/// <summary>A pending row as the dispatcher reads it.</summary>
internal sealed record OutboxRow(long Position, Guid Id, string Source, string MessageType, string Body, string? TraceParent, DateTimeOffset WrittenAt);
