using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>Reads a request body as JSON, turning unreadable bodies into the contract's 400 instead of a framework error.</summary>
public static class JsonBody
{
    /// <summary>
    /// The body as a JSON document, or the 400 for malformed JSON or text that is not valid UTF-8, or the 415
    /// for a body declared as something else (<c>text/plain</c>, a form…): a JSON route reads only JSON.
    /// </summary>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadAsync(HttpContext context, JsonDocumentOptions options = default)
    {
        if (!IsJsonOrUndeclared(context.Request.ContentType))
        {
            return (null, UnsupportedMediaType(context));
        }

        if (await DeclaredBodyAsync(context) is { } body)
        {
            var (parsed, problem) = Parse(body, options);
            return problem is null ? (parsed, null) : (null, Refusal(context, problem));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, options, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            return (null, Refusal(context, Malformed(exception)));
        }

        if (InvalidText(document.RootElement) is { } invalid)
        {
            document.Dispose();
            return (null, Refusal(context, invalid));
        }

        return (document, null);
    }

    /// <summary>
    /// A body already read (or checked in and read back by another service) as a JSON document, with the same problems as
    /// <see cref="ReadAsync"/> answers (<c>malformed_json</c>), its UTF-8 byte order mark skipped as the stream parser does.
    /// </summary>
    public static (JsonDocument? Document, ErrorItem? Error) Parse(ReadOnlyMemory<byte> body, JsonDocumentOptions options = default)
    {
        if (body.Span.StartsWith(Utf8Bom)) body = body[Utf8Bom.Length..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, options);
        }
        catch (JsonException exception)
        {
            return (null, Malformed(exception));
        }

        if (InvalidText(document.RootElement) is { } invalid)
        {
            document.Dispose();
            return (null, invalid);
        }

        return (document, null);
    }

    /// <summary>The problem of JSON that cannot be parsed, located by the parser's line and byte.</summary>
    public static ErrorItem Malformed(JsonException exception) =>
        new("malformed_json", $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).", null);

    private static IResult Refusal(HttpContext context, ErrorItem error) =>
        ApiErrors.Result(context, StatusCodes.Status400BadRequest, error.Message, [error]);

    /// <summary>
    /// A body of declared length (within the request's size limit), read into one array of that length; null when the
    /// length is not declared. Parsing from a stream
    /// instead grows pooled buffers by doubling, and the shared pool keeps each of them (16 MiB for a 10 MiB body)
    /// long after the request.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> DeclaredBodyAsync(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength is not (> 0 and var declared) || limit is null || declared > limit) return null;

        var buffer = GC.AllocateUninitializedArray<byte>((int)declared);
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
            if (read == 0) break;
            length += read;
        }

        return buffer.AsMemory(0, length);
    }

    /// <summary>The UTF-8 byte order mark, which the parsers skip at the start of a body.</summary>
    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>415 <c>unsupported_media_type</c>: the body is declared as something other than JSON.</summary>
    public static IResult UnsupportedMediaType(HttpContext context) =>
        ApiErrors.Result(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
            "This route reads JSON: send the body as application/json.");

    /// <summary><c>application/json</c> or another <c>+json</c> type, with any parameters; or no declared type at all.</summary>
    public static bool IsJsonOrUndeclared(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return true;
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)) return false;
        var type = mediaType.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A body that must be one JSON object.</summary>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadObjectAsync(HttpContext context)
    {
        var (document, error) = await ReadAsync(context);
        if (error is not null) return (null, error);
        if (document!.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, ApiErrors.Result(context, StatusCodes.Status400BadRequest, "invalid_type", "The body must be a JSON object."));
        }

        return (document, null);
    }

    /// <summary>
    /// The problem when a string or property name of the document is not valid UTF-8 (or holds a lone
    /// surrogate): the parser accepts such text, and reading it later would throw. <paramref name="path"/> locates
    /// <paramref name="element"/> in the body (<c>[3]</c> for an item of an array read one item at a time).
    /// </summary>
    public static ErrorItem? InvalidText(JsonElement element, string path = "") =>
        FirstInvalidText(element) is { } found && path + found is var suffix
            ? new ErrorItem("malformed_json", $"The body holds text that is not valid UTF-8{(suffix.Length == 0 ? "" : " at " + suffix.TrimStart('.'))}.", null)
            : null;

    /// <summary>Where the first unreadable text is, as a path suffix (<c>.a[2].b</c>; empty for the element itself), or null.</summary>
    private static string? FirstInvalidText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsReadable(JsonMarshal.GetRawUtf8Value(element), () => element.GetString()) ? null : "";
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstInvalidText(item) is { } found) return $"[{index}]{found}";
                    index++;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsReadable(JsonMarshal.GetRawUtf8PropertyName(property), () => property.Name)) return "";
                    if (FirstInvalidText(property.Value) is { } found) return $".{property.Name}{found}";
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Text without escapes is readable when its bytes are UTF-8, which is checked without making a string of it
    /// (a 10 MiB body may hold a million of them); text with escapes is read to find a lone surrogate.
    /// </summary>
    private static bool IsReadable(ReadOnlySpan<byte> raw, Func<string?> read) =>
        raw.IndexOf((byte)'\\') < 0 ? System.Text.Unicode.Utf8.IsValid(raw) : TryRead(read);

    private static bool TryRead(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
