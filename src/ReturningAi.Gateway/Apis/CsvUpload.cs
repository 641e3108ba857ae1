using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// Streams a <c>multipart/form-data</c> body and reads the CSV of its <c>file</c> field: accepted
/// content types only, one file only, and at most 10 MiB, refused as soon as the limit is passed. The
/// file is held once, in one array, only until it is parsed.
/// </summary>
public static class CsvUpload
{
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Room for the multipart framing around a file of the largest legal size.</summary>
    public const int MultipartAllowance = 64 * 1024;

    private static readonly string[] AcceptedTypes = ["text/csv", "application/csv", "application/vnd.ms-excel"];

    public static async Task<(T? Csv, IResult? Error)> ReadAsync<T>(
        HttpContext http, MediaTypeHeaderValue contentType, IdempotencyHeader idempotency, Func<ReadOnlyMemory<byte>, T> parse) where T : class
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, Bad(http, "malformed_multipart", "The multipart body has no boundary."));
        }

        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
        (byte[] Buffer, int Length)? file = null;
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
                {
                    continue; // other fields are ignored; the reader skips their bodies
                }

                // A second file would otherwise go unread, and the partner would think it imported.
                if (file is not null) return (null, Bad(http, "multiple_files", "Send one CSV file per request: the body has more than one field named 'file'."));

                if (!MediaTypeHeaderValue.TryParse(section.ContentType, out var partType)
                    || !AcceptedTypes.Contains(partType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
                {
                    return (null, Bad(http, "unsupported_media_type",
                        $"The file must be text/csv, application/csv or application/vnd.ms-excel, not '{section.ContentType ?? "none"}'."));
                }

                file = await ReadFileAsync(http, section.Body);
                if (file is null) return (null, Bad(http, "file_too_large", "The CSV file is larger than 10 MiB."));
            }
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return (null, Bad(http, "malformed_multipart", "The multipart body is malformed."));
        }
        catch (InvalidDataException)
        {
            return (null, Bad(http, "malformed_multipart", "The multipart body is malformed."));
        }

        if (file is not { } read) return (null, Bad(http, "missing_file", "The multipart body has no field named 'file'."));
        var (buffer, length) = read;
        idempotency.HashUploadedFile(buffer.AsSpan(0, length));
        return (parse(buffer.AsMemory(0, length)), null);
    }

    /// <summary>The file's bytes, or null when it is over the limit (one byte over is enough to know).</summary>
    private static async Task<(byte[] Buffer, int Length)?> ReadFileAsync(HttpContext http, Stream body)
    {
        // Sized by the request's length (every common client sends it), grown by doubling otherwise: a small
        // file costs a small array, and no 16 MiB array stays cached in the shared pool after a large one
        // (LargeImportMemory gives this one back).
        var buffer = GC.AllocateUninitializedArray<byte>((int)Math.Clamp(http.Request.ContentLength ?? 64 * 1024, 1, MaxFileBytes + 1));
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > MaxFileBytes) break;
                var grown = GC.AllocateUninitializedArray<byte>((int)Math.Min(2L * buffer.Length, MaxFileBytes + 1));
                buffer.AsSpan().CopyTo(grown);
                buffer = grown;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), http.RequestAborted);
            if (read == 0) break;
            length += read;
        }

        return length > MaxFileBytes ? null : (buffer, length);
    }

    private static IResult Bad(HttpContext http, string code, string message) =>
        ApiErrors.Result(http, StatusCodes.Status400BadRequest, code, message);
}
