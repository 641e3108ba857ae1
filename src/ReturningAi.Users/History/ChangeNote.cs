using ReturningAi.Contracts.Http;

namespace ReturningAi.Users.History;

/// <summary>The partner's own reference (≤ 200, unique per user and field) and note (≤ 500) of a change.</summary>
public sealed record ChangeNote(string? Reference, string? Note)
{
    public const int MaxReferenceLength = 200;
    public const int MaxNoteLength = 500;

    public static ChangeNote None { get; } = new(null, null);

    /// <summary>From query parameters (<c>DELETE …?reference=&amp;note=</c>), checked like body values.</summary>
    public static ChangeNote FromQuery(string? reference, string? note, List<ErrorItem> errors)
    {
        Check(reference, "reference", MaxReferenceLength, errors);
        Check(note, "note", MaxNoteLength, errors);
        return new ChangeNote(Empty(reference), Empty(note));
    }

    private static void Check(string? value, string name, int maxLength, List<ErrorItem> errors)
    {
        if (value is null) return;
        if (!ServiceDefaults.Http.TextCharacters.AreAllowed(value))
        {
            errors.Add(new ErrorItem("invalid_character", $"{name} {ServiceDefaults.Http.TextCharacters.Rule}.", name));
        }
        else if (value.Trim().Length > maxLength)
        {
            errors.Add(new ErrorItem("invalid_length", $"{name} must be at most {maxLength} characters long.", name));
        }
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
