using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReturningAi.Users.Search;

/// <summary>
/// Where the next page of a search starts: after the row with this sort value and id. It also carries
/// the page number (for meta) and the fingerprint of the search it belongs to, so that a cursor used
/// with other filters is refused instead of silently skipping rows. Opaque to partners (base64url JSON).
/// </summary>
public sealed record SearchCursor(
    [property: JsonPropertyName("p")] int Page,
    [property: JsonPropertyName("v")] JsonElement SortValue,
    [property: JsonPropertyName("i")] string LastId,
    [property: JsonPropertyName("h")] string Fingerprint)
{
    public const int MaxLength = 2048;

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static SearchCursor? Decode(string text)
    {
        if (text.Length > MaxLength) return null;
        try
        {
            var bytes = Base64Url.DecodeFromChars(text);
            var cursor = JsonSerializer.Deserialize<SearchCursor>(bytes);
            return cursor is { Page: >= 2, LastId.Length: 24, Fingerprint.Length: > 0 }
                   && cursor.SortValue.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False
                ? cursor
                : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    public override string ToString() => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(this));
}
