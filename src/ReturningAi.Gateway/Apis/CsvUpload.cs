using Microsoft.Net.Http.Headers;
using ReturningAi.Csv;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// The CSV of a product bulk upload (field <c>file</c>), read by <see cref="CsvFileUpload"/>, hashed for its
/// <c>Idempotency-Key</c> and parsed; the array is held only until it is parsed.
/// </summary>
public static class CsvUpload
{
    public const int MaxFileBytes = CsvFileUpload.MaxFileBytes;

    public const int MultipartAllowance = CsvFileUpload.MultipartAllowance;

    public static async Task<(T? Csv, IResult? Error)> ReadAsync<T>(
        HttpContext http, MediaTypeHeaderValue contentType, IdempotencyHeader idempotency, Func<ReadOnlyMemory<byte>, T> parse) where T : class
    {
        var (file, error) = await CsvFileUpload.ReadAsync(http, contentType, "file");
        if (error is not null) return (null, ApiErrors.Result(http, StatusCodes.Status400BadRequest, error.Code, error.Message));
        idempotency.HashUploadedFile(file!.Bytes.Span);
        return (parse(file.Bytes), null);
    }
}
