using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>
/// A response that shows a secret once (a new API key's token): the route names the secret's JSON paths,
/// and the idempotency record keeps the response with each of them null and <c>meta.secretShown</c> false,
/// so a replay answers the same status and object without the secret, and no record ever holds it.
/// </summary>
public static class SecretFields
{
    /// <param name="paths">Dotted paths into the response body, e.g. <c>data.token</c>.</param>
    public static void Mark(HttpContext http, params string[] paths) => http.Features.Set(new Marked(paths));

    /// <summary>The body to keep for replays of this response: the response itself when it showed no secret.</summary>
    internal static byte[] ForReplay(HttpContext http, byte[] body) =>
        http.Features.Get<Marked>() is { } marked ? Redact(body, marked.Paths) : body;

    public static byte[] Redact(byte[] body, IReadOnlyList<string> paths)
    {
        // Anything but a JSON object cannot be redacted, so it is not kept at all.
        if (JsonNode.Parse(body) is not JsonObject root) return "{}"u8.ToArray();
        foreach (var path in paths)
        {
            var parts = path.Split('.');
            var parent = parts[..^1].Aggregate((JsonNode?)root, (node, part) => node?[part]);
            if (parent is JsonObject holder && holder.ContainsKey(parts[^1])) holder[parts[^1]] = null;
        }

        if (root["meta"] is JsonObject meta) meta["secretShown"] = false;
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private sealed record Marked(IReadOnlyList<string> Paths);
}
