namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>
/// A route whose answer carries <c>Location</c>: a replay (which stores only status, type and body) sets it again from
/// the stored body, so the second answer is the first one, header and all.
/// </summary>
public sealed class ReplayedLocation(Func<ReadOnlyMemory<byte>, string?> fromBody)
{
    public string? From(ReadOnlyMemory<byte> body) => fromBody(body);
}
