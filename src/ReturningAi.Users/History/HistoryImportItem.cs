using System.Text.Json;

namespace ReturningAi.Users.History;

/// <summary>
/// One dated past change to import: the field (id or key), the value it took, when, and the
/// partner's reference; on the community-wide route also the user (exactly one of id, email, username).
/// </summary>
public sealed record HistoryImportItem(
    int Index,
    string Field,
    JsonElement NewValue,
    DateTimeOffset ChangedAt,
    ChangeNote Note,
    UserReference? User);
