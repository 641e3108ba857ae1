using Microsoft.AspNetCore.Builder;

namespace ReturningAi.ServiceDefaults.Idempotency;

public static class ReadOnlyPostExtensions
{
    /// <summary>This POST only reads: <c>Idempotency-Key</c> is ignored on it.</summary>
    public static TBuilder IgnoresIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ReadOnlyPost.Instance);
}
