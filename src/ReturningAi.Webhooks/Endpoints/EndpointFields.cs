using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.SafeHttp;
using ReturningAi.Webhooks.Events;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.Webhooks.Endpoints;

/// <summary>
/// Reads an endpoint body (events-and-jobs.md §1.1) and reports every problem with its field: the URL's shape
/// (its addresses are checked apart, since that needs DNS), the event filter, channels, description, encryption.
/// </summary>
public static class EndpointFields
{
    public const int MaxEvents = 50;
    public const int MaxChannels = 100;
    public const int MaxDescription = 500;

    public static EndpointDraft Read(JsonElement body, bool isCreate, List<ErrorItem> errors)
    {
        var fields = new JsonFields(body, errors);
        var url = ReadUrl(fields, body, isCreate);
        var events = ReadEvents(body, isCreate, errors);
        var channels = ReadChannels(fields, body);
        var description = fields.ReadString("description", required: false, maxLength: MaxDescription);
        bool? isEnabled = fields.Has("isEnabled") && body.GetProperty("isEnabled").ValueKind != JsonValueKind.Null
            ? fields.ReadBool("isEnabled", fallback: true)
            : null;
        return new EndpointDraft(url, events, channels, description, isEnabled, ReadEncryption(fields));
    }

    /// <summary>The <c>encryption</c> object, null when not sent.</summary>
    public static EncryptionDraft? ReadEncryption(JsonFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.ReadObject("encryption") is { } encryption ? EncryptionSettingsReader.Read(encryption) : null;
    }

    private static string? ReadUrl(JsonFields fields, JsonElement body, bool isCreate)
    {
        if (!body.TryGetProperty("url", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (isCreate) fields.Add("required", "url", "url is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !UrlGuard.IsWellFormed(value.GetString()!, out _))
        {
            fields.Add("invalid_url", "url", $"url must be an absolute https URL of at most {UrlGuard.MaxUrlLength} characters, without user-info or fragment.");
            return null;
        }

        return value.GetString();
    }

    private static List<string>? ReadEvents(JsonElement body, bool isCreate, List<ErrorItem> errors)
    {
        if (!body.TryGetProperty("events", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (isCreate) errors.Add(new ErrorItem("required", "events is required: event types, or [\"*\"] for all.", "events"));
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ErrorItem("invalid_type", "events must be an array of event types.", "events"));
            return null;
        }

        var count = value.GetArrayLength();
        if (count == 0)
        {
            errors.Add(new ErrorItem("invalid_event_filter", "events needs at least one event type, or [\"*\"] for all.", "events"));
            return null;
        }

        if (count > MaxEvents)
        {
            errors.Add(new ErrorItem("too_many_items", $"events may hold at most {MaxEvents} items; it has {count}.", "events"));
            return null;
        }

        var before = errors.Count;
        var types = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var type = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (type is null) errors.Add(new ErrorItem("invalid_type", $"events[{i}] must be a string.", $"events[{i}]"));
            else if (type != EventTypes.All && !EventTypes.IsKnown(type))
            {
                errors.Add(new ErrorItem("unknown_event_type", $"'{Shorten(type)}' is not an event type (GET /webhooks/event-types lists them).", $"events[{i}]"));
            }
            else if (!types.Contains(type, StringComparer.Ordinal)) types.Add(type);

            i++;
        }

        if (types.Contains(EventTypes.All) && types.Count > 1)
        {
            errors.Add(new ErrorItem("invalid_event_filter", "\"*\" already stands for every event type; send it alone.", "events"));
        }

        return errors.Count > before ? null : types;
    }

    private static List<string>? ReadChannels(JsonFields fields, JsonElement body)
    {
        if (!body.TryGetProperty("channelIDs", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        var ids = fields.ReadStringArray("channelIDs", required: false);
        if (ids is null) return null;
        if (ids.Count > MaxChannels)
        {
            fields.Add("too_many_items", "channelIDs", $"channelIDs may hold at most {MaxChannels} items; it has {ids.Count}.");
            return null;
        }

        var valid = true;
        for (var i = 0; i < ids.Count; i++)
        {
            if (ObjectIds.IsValid(ids[i])) continue;
            fields.Add("invalid_id", $"channelIDs[{i}]", $"channelIDs[{i}] must be a channel's 24-character id.");
            valid = false;
        }

        return valid ? [.. ids.Distinct(StringComparer.Ordinal)] : null;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
