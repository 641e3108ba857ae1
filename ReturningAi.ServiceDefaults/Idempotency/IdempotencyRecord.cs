namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>A request made with an <c>Idempotency-Key</c>: its body's hash, and once it finished, its response.</summary>
public sealed class IdempotencyRecord
{
    public required string Scope { get; init; }
    public required string Key { get; init; }
    public required byte[] RequestHash { get; set; }
    public bool Completed { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseContentType { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>
    /// The bus message carrying the request, when it came over the bus: a redelivery of that same
    /// message may take the key over at once, since RabbitMQ redelivers only after its consumer died.
    /// </summary>
    public Guid? OwnerMessageId { get; set; }
}
