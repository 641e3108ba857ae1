using System.Globalization;
using System.Security.Cryptography;
using MassTransit;
using ReturningAi.Messaging;

namespace ReturningAi.Webhooks.Events;

/// <summary>
/// The event id of a bus message that carries none of its own: 24 hex characters derived from its message id, which the
/// owner's outbox keeps across redeliveries, so that the same message always makes the same event. Its
/// <c>createdAt</c> is when the owner wrote it (the outbox's header), else when it was sent.
/// </summary>
public static class BusEventIds
{
    public static string From(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException("The message has no MessageId, so its event cannot be recorded once.");
        return Convert.ToHexStringLower(SHA256.HashData(messageId.ToByteArray())[..12]);
    }

    public static DateTimeOffset OccurredAt(ConsumeContext context, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(time);
        // The owner's outbox stamps when its transaction wrote the event, in Unix milliseconds.
        if (context.Headers.TryGetHeader(OutboxDispatcher.WrittenAtHeader, out var written)
            && long.TryParse(Convert.ToString(written, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        return context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : time.GetUtcNow();
    }
}
