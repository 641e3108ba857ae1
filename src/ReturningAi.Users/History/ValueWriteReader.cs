using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Users.History;

public static class ValueWriteReader
{
    public static ValueWrite? Read(JsonElement body, List<ErrorItem> errors)
    {
        var before = errors.Count;
        var fields = new JsonFields(body, errors);
        if (!fields.Has("value")) fields.Add("required", "value", "value is required (null clears the value).");
        var note = ReadNote(fields);
        return errors.Count > before ? null : new ValueWrite(fields.ReadRaw("value"), note);
    }

    internal static ChangeNote ReadNote(JsonFields fields) => new(
        Empty(fields.ReadString("reference", required: false, maxLength: ChangeNote.MaxReferenceLength)),
        Empty(fields.ReadString("note", required: false, maxLength: ChangeNote.MaxNoteLength)));

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
