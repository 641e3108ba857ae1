using System.Diagnostics;
using System.Text.Json;
using MassTransit;

namespace ReturningAi.Messaging;

/// <summary>An event about to be written to the outbox: its message id, ordering source, type and JSON.</summary>
public sealed record OutboxEntry(Guid Id, string Source, string MessageType, string Body, string? TraceParent)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes <paramref name="message"/> now (later changes to it are not sent) under a new sequential id.</summary>
    public static OutboxEntry Create(object message, string source)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (source.Length > MessagingModelExtensions.MaxSourceLength)
        {
            throw new ArgumentException($"A source is at most {MessagingModelExtensions.MaxSourceLength} characters.", nameof(source));
        }

        var type = message.GetType();
        var trace = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        return new OutboxEntry(NewId.NextGuid(), source, TypeName(type), JsonSerializer.Serialize(message, type, Json), trace);
    }

    /// <summary>Namespace, type and assembly, without a version: an event stays readable across deployments.</summary>
    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
