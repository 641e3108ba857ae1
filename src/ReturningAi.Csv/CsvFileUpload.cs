using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Csv;

/// <summary>
/// Streams a <c>multipart/form-data</c> body and reads the CSV file of one of its file fields: accepted
/// content types only, one file only, and at most 10 MiB, refused as soon as the limit is passed
/// (CONTRACT.md section 4). The file is held once, in one array. Every CSV upload (product bulk, bulk jobs) reads through here.
/// </summary>
public static class CsvFileUpload
{
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Room for the multipart framing around a file of the largest legal size.</summary>
    public const int MultipartAllowance = 64 * 1024;

    private static readonly string[] AcceptedTypes = ["text/csv", "application/csv", "application/vnd.ms-excel"];

    /// <param name="fieldNames">The names the file may be sent under (the first is the one errors name).</param>
    public static Task<(UploadedCsvFile? File, ErrorItem? Error)> ReadAsync(HttpContext http, MediaTypeHeaderValue contentType, params string[] fieldNames) =>
        StreamAsync(http, contentType, async (body, fileName) => await ReadFileAsync(http, body) is { } bytes
            ? new UploadedCsvFile(bytes.Buffer, bytes.Length, fileName)
            : null, fieldNames);

    /// <summary>
    /// The same checks as <see cref="ReadAsync"/>, the file's body handed to <paramref name="readFile"/> as it arrives (with
    /// its file name, if any) instead of into an array; <paramref name="readFile"/> answers null when the file is over 10 MiB.
    /// </summary>
    public static async Task<(T? File, ErrorItem? Error)> StreamAsync<T>(
        HttpContext http, MediaTypeHeaderValue contentType, Func<Stream, string?, Task<T?>> readFile, params string[] fieldNames) where T : class
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return (null, Bad("malformed_multipart", "The multipart body has no boundary."));

        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
        T? file = null;
        var names = string.Join("' or '", fieldNames);
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !fieldNames.Contains(HeaderUtilities.RemoveQuotes(disposition.Name).Value, StringComparer.Ordinal))
                {
                    continue; // other fields are ignored; the reader skips their bodies
                }

                // A second file would otherwise go unread, and the partner would think it imported.
                if (file is not null) return (null, Bad("multiple_files", $"Send one CSV file per request: the body has more than one field named '{names}'."));

                if (!MediaTypeHeaderValue.TryParse(section.ContentType, out var partType)
                    || !AcceptedTypes.Contains(partType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
                {
                    return (null, Bad("unsupported_media_type",
                        $"The file must be text/csv, application/csv or application/vnd.ms-excel, not '{section.ContentType ?? "none"}'."));
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                file = await readFile(section.Body, string.IsNullOrWhiteSpace(fileName) ? null : fileName);
                if (file is null) return (null, Bad("file_too_large", "The CSV file is larger than 10 MiB."));
            }
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return (null, Bad("malformed_multipart", "The multipart body is malformed."));
        }
        catch (InvalidDataException)
        {
            return (null, Bad("malformed_multipart", "The multipart body is malformed."));
        }

        return file is null ? (null, Bad("missing_file", $"The multipart body has no field named '{names}'.")) : (file, null);
    }

    /// <summary>The file's bytes, or null when it is over the limit (one byte over is enough to know).</summary>
    private static async Task<(byte[] Buffer, int Length)?> ReadFileAsync(HttpContext http, Stream body)
    {
        // Sized by the request's length (every common client sends it), grown by doubling otherwise: a small
        // file costs a small array, and no 16 MiB array stays cached in the shared pool after a large one.
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

    private static ErrorItem Bad(string code, string message) => new(code, message, null);
}
