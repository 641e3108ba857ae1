using MassTransit;

namespace ReturningAi.Store.Consumers;

internal static class CommandExpiry
{
    /// <summary>
    /// True for a command that waited in the queue past the gateway's deadline: the partner already
    /// has a 502, so carrying it out now would surprise them.
    /// </summary>
    public static bool IsExpired(this ConsumeContext context, ILogger logger, string what)
    {
        if (context.ExpirationTime is not { } expires || expires >= DateTime.UtcNow) return false;
        logger.LogWarning("Dropped an expired {Command}", what);
        return true;
    }
}
