using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// Streams a <c>multipart/form-data</c> body and reads the CSV of its <c>file</c> field: accepted
/// content types only, and at most 10 MiB, refused as soon as the limit is passed. The file is held
/// once, in one array, only until it is parsed.
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
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
                {
                    continue; // other fields are ignored; the reader skips their bodies
                }

                if (!MediaTypeHeaderValue.TryParse(section.ContentType, out var partType)
                    || !AcceptedTypes.Contains(partType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
                {
                    return (null, Bad(http, "unsupported_media_type",
                        $"The file must be text/csv, application/csv or application/vnd.ms-excel, not '{section.ContentType ?? "none"}'."));
                }

                return await ParseAsync(http, section.Body, idempotency, parse);
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

        return (null, Bad(http, "missing_file", "The multipart body has no field named 'file'."));
    }

    private static async Task<(T? Csv, IResult? Error)> ParseAsync<T>(HttpContext http, Stream body, IdempotencyHeader idempotency, Func<ReadOnlyMemory<byte>, T> parse) where T : class
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
                if (length > MaxFileBytes) break; // one byte over the limit is enough to know
                var grown = GC.AllocateUninitializedArray<byte>((int)Math.Min(2L * buffer.Length, MaxFileBytes + 1));
                buffer.AsSpan().CopyTo(grown);
                buffer = grown;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), http.RequestAborted);
            if (read == 0) break;
            length += read;
        }

        if (length > MaxFileBytes)
        {
            return (null, Bad(http, "file_too_large", "The CSV file is larger than 10 MiB."));
        }

        idempotency.HashUploadedFile(buffer.AsSpan(0, length));
        return (parse(buffer.AsMemory(0, length)), null);
    }

    private static IResult Bad(HttpContext http, string code, string message) =>
        ApiErrors.Result(http, StatusCodes.Status400BadRequest, code, message);
}
