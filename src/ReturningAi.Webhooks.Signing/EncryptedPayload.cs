using System.Text.Json.Serialization;

namespace ReturningAi.Webhooks.Signing;

/// <summary>The <c>encrypted</c> object of a body: base64 <c>iv</c>, <c>ciphertext</c> and, for GCM, <c>tag</c>.</summary>
public sealed record EncryptedPayload(
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("iv")] string Iv,
    [property: JsonPropertyName("ciphertext")] string Ciphertext,
    [property: JsonPropertyName("tag")] string? Tag);
