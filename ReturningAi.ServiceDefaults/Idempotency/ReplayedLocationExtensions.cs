using Microsoft.AspNetCore.Builder;

namespace ReturningAi.ServiceDefaults.Idempotency;

public static class ReplayedLocationExtensions
{
    /// <summary>Replays of this route's answer get <c>Location</c> from the stored body (null: none).</summary>
    public static TBuilder ReplaysLocation<TBuilder>(this TBuilder builder, Func<ReadOnlyMemory<byte>, string?> fromBody) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReplayedLocation(fromBody));
}
