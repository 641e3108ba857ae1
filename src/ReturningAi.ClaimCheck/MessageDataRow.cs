namespace ReturningAi.ClaimCheck;

/// <summary>One stored payload: the bytes a message refers to by its address, until it is consumed or expires.</summary>
public sealed class MessageDataRow
{
    public Guid Id { get; set; }

    public byte[] Data { get; set; } = [];

    public DateTimeOffset ExpiresAt { get; set; }
}
