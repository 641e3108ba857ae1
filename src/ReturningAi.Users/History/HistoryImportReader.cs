using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Users.History;

/// <summary>
/// Reads a history import (users.md U7): a JSON array of 1–1,000 dated changes (one object is read as a
/// list of one). Each item's problems carry its <c>index</c> and a <c>[i].</c> path.
/// </summary>
public static class HistoryImportReader
{
    public const int MaxItems = 1000;

    public static IReadOnlyList<HistoryImportItem>? Read(JsonElement body, bool namesUser, DateTimeOffset now, List<ErrorItem> errors)
    {
        if (body.ValueKind == JsonValueKind.Object) return Read(Wrap(body), namesUser, now, errors);
        if (body.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ErrorItem("invalid_type", "The body must be an array of history items.", null));
            return null;
        }

        var count = body.GetArrayLength();
        if (count is 0 or > MaxItems)
        {
            errors.Add(new ErrorItem(count == 0 ? "empty" : "too_many_items", $"Send 1–{MaxItems} history items; this body has {count}.", null));
            return null;
        }

        var before = errors.Count;
        var items = new List<HistoryImportItem>(count);
        var index = 0;
        foreach (var element in body.EnumerateArray())
        {
            if (ReadItem(element, index, namesUser, now, errors) is { } item) items.Add(item);
            index++;
        }

        return errors.Count > before ? null : items;
    }

    private static HistoryImportItem? ReadItem(JsonElement element, int index, bool namesUser, DateTimeOffset now, List<ErrorItem> errors)
    {
        var path = $"[{index}].";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ErrorItem("invalid_type", $"[{index}] must be an object.", $"[{index}]") { Index = index });
            return null;
        }

        var before = errors.Count;
        var fields = new JsonFields(element, errors, path, index);
        var field = fields.ReadString("field", required: true, minLength: 1, maxLength: 100);
        if (!fields.Has("newValue")) fields.Add("required", "newValue", $"{path}newValue is required (null records a clearing).");
        var changedAt = fields.ReadDateTime("changedAt", out var changedAtSent);
        if (!changedAtSent) fields.Add("required", "changedAt", $"{path}changedAt is required.");
        else if (changedAt > now) fields.Add("invalid_changed_at", "changedAt", $"{path}changedAt must not be in the future.");
        var note = ValueWriteReader.ReadNote(fields);
        var user = namesUser ? ReadUser(fields, path) : null;

        return errors.Count > before || changedAt is null
            ? null
            : new HistoryImportItem(index, field!, fields.ReadRaw("newValue"), changedAt.Value, note, user);
    }

    private static UserReference? ReadUser(JsonFields fields, string path)
    {
        var id = fields.ReadString("userID", required: false);
        var email = fields.ReadString("email", required: false);
        var username = fields.ReadString("username", required: false);
        var named = new[] { id, email, username }.Count(v => !string.IsNullOrEmpty(v));
        if (named == 1) return new UserReference(id, email, username);
        fields.Add("user_identifier_required", "userID", $"{path[..^1]} must name its user by exactly one of userID, email or username.");
        return null;
    }

    private static JsonElement Wrap(JsonElement item)
    {
        using var document = JsonDocument.Parse("[" + item.GetRawText() + "]");
        return document.RootElement.Clone();
    }
}
