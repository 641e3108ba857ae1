using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReturningAi.Webhooks.Signing;

/// <summary>
/// The body of a delivery, compact UTF-8: <c>{"id","type","communityID","createdAt","data"}</c>, or with
/// <c>data</c> replaced by <c>"encrypted"</c> (the UTF-8 JSON of <c>data</c>, encrypted with the event id as GCM's additional data).
/// </summary>
public static class WebhookBody
{
    // Non-ASCII text and characters such as + stay as they are, as PostgreSQL prints them; only JSON's own escapes are made.
    private static readonly JsonWriterOptions CompactWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(string id, string type, string communityId, DateTimeOffset createdAt, string dataJson, EncryptedPayload? encrypted = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WriteString("communityID", communityId);
            writer.WriteString("createdAt", createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            if (encrypted is null)
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(Compact(dataJson));
            }
            else
            {
                writer.WritePropertyName("encrypted");
                JsonSerializer.Serialize(writer, encrypted);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The body for an endpoint: plain, or encrypted in <paramref name="mode"/> with <paramref name="key"/>.</summary>
    public static byte[] Build(string id, string type, string communityId, DateTimeOffset createdAt, string dataJson, string? mode, string? key) =>
        mode is null || key is null
            ? Build(id, type, communityId, createdAt, dataJson)
            : Build(id, type, communityId, createdAt, dataJson,
                PayloadEncryption.Encrypt(mode, key, Compact(dataJson), Encoding.ASCII.GetBytes(id)));

    /// <summary><c>data</c> without the spaces PostgreSQL's jsonb prints after <c>:</c> and <c>,</c>.</summary>
    private static byte[] Compact(string dataJson)
    {
        using var data = JsonDocument.Parse(dataJson);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactWriting)) data.RootElement.WriteTo(writer);
        return buffer.ToArray();
    }
}
