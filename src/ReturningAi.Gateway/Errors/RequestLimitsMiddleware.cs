using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using ReturningAi.Contracts.Http;
using ReturningAi.Gateway.Proxy;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.Errors;

/// <summary>
/// The contract's request limits, answered in the error envelope before anything else reads the
/// request: a head over 32 KiB is 431, a declared body over 10 MiB is 413 without reading it.
/// Kestrel enforces the same body limit on bodies without a length, and a hard head limit above ours.
/// A control character in any query parameter is 400 <c>invalid_character</c> for every route. Also strips
/// internal identity headers sent from outside, so nothing downstream ever sees them.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public const long MaxBodyBytes = 10 * 1024 * 1024;
    public const int MaxHeadBytes = 32 * 1024;

    /// <summary>The most of a refused body read and dropped, so that a client sending it all before it reads hears the refusal.</summary>
    public const long MaxDrainBytes = 32 * 1024 * 1024;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var headBytes = request.Method.Length + request.Path.Value?.Length + request.QueryString.Value?.Length + 16 ?? 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headBytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headBytes > MaxHeadBytes)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers_too_large",
                "The request head is larger than 32 KiB.");
            return;
        }

        if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            // A CSV upload: the file may be 10 MiB plus its framing; a longer body cannot hold a legal file.
            if (request.ContentLength > Apis.CsvUpload.MaxFileBytes + Apis.CsvUpload.MultipartAllowance)
            {
                await RefuseBodyAsync(context, StatusCodes.Status400BadRequest, "file_too_large", "The CSV file is larger than 10 MiB.", "file");
                return;
            }

            // A file of the largest legal size with its framing is over the JSON limit: uploads (forwarded ones too) get the room.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = Apis.CsvUpload.MaxFileBytes + Apis.CsvUpload.MultipartAllowance;
            }
        }
        else if (request.ContentLength > MaxBodyBytes)
        {
            await RefuseBodyAsync(context, StatusCodes.Status413PayloadTooLarge, "body_too_large", "The request body is larger than 10 MiB.");
            return;
        }

        if (QueryErrors(request.Query) is { Count: > 0 } queryErrors)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(ApiErrors.Envelope(context, StatusCodes.Status400BadRequest, "The query is invalid.", queryErrors));
            return;
        }

        foreach (var name in request.Headers.Keys.Where(IdentityTransforms.IsInternal).ToList())
        {
            request.Headers.Remove(name);
        }

        await next(context);
    }

    /// <summary>
    /// A control character (NUL among them, which PostgreSQL cannot store) in any query parameter, checked once
    /// here for every route, as body values are: such a value is never meant and would otherwise reach the services.
    /// </summary>
    private static List<ErrorItem> QueryErrors(IQueryCollection query)
    {
        var errors = new List<ErrorItem>();
        foreach (var (name, values) in query)
        {
            if (name.Any(char.IsControl) || values.Any(v => v?.Any(char.IsControl) == true))
            {
                var field = name.Any(char.IsControl) ? null : name;
                errors.Add(new ErrorItem("invalid_character", $"The query parameter {(field is null ? "" : $"'{field}' ")}must not contain control characters.", field));
            }
        }

        return errors;
    }

    /// <summary>
    /// Answers, then reads and drops the declared body (up to <see cref="MaxDrainBytes"/>) without looking at it.
    /// Closing a connection while the client still sends makes its TCP stack reset it, and a client that writes the
    /// whole body before it reads (about one run in four here) then lost the answer with the connection.
    /// </summary>
    private static async Task RefuseBodyAsync(HttpContext context, int status, string code, string message, string? field = null)
    {
        var declared = context.Request.ContentLength!.Value;
        var drains = declared <= MaxDrainBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false };
        if (drains) context.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>().MaxRequestBodySize = declared;
        else context.Response.Headers.Connection = "close";

        await ApiErrors.WriteAsync(context, status, code, message, field);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (!drains) return;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(DrainTimeout);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await context.Request.Body.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away or is too slow: the answer has been sent; the connection closes.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
