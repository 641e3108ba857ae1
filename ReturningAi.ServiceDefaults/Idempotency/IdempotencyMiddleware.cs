using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.ServiceDefaults.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on a service's POST routes and its bulk PUT: the first response (any status
/// below 500) is stored with the key and replayed for the same body, without the secrets it showed
/// (<see cref="SecretFields"/>); another body is 409; a request still running with the key is 409.
/// Keys are scoped to the caller's community. A request with a key runs in one transaction of
/// <typeparamref name="TContext"/>, its data, events and stored response committed together; the
/// response leaves only once they are.
/// </summary>
public sealed class IdempotencyMiddleware<TContext>(RequestDelegate next) where TContext : DbContext
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!Applies(context.Request) || !context.Request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var header))
        {
            await next(context);
            return;
        }

        var key = header.ToString();
        if (!IdempotencyKey.IsValid(key))
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_idempotency_key",
                $"{IdempotencyKey.HeaderName} must be 1–{IdempotencyKey.MaxLength} characters.", IdempotencyKey.HeaderName);
            return;
        }

        var identity = context.GetGatewayIdentity();
        var scope = identity.CommunityId ?? (identity.IsPlatformAdmin ? "platform" : "anonymous");
        var keys = context.RequestServices.GetRequiredService<IdempotencyKeys<TContext>>();
        var hash = await HashRequestAsync(context.Request);

        // The key is taken on the connection its request's transaction then runs on: one checkout of the pool (and one
        // reset of a pooled connection) per request rather than two. Closed when the request is done with it.
        var database = context.RequestServices.GetRequiredService<TContext>().Database;
        await database.OpenConnectionAsync(context.RequestAborted);
        try
        {
            await TakeKeyAndRunAsync(context, keys, scope, key, hash);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private async Task TakeKeyAndRunAsync(HttpContext context, IdempotencyKeys<TContext> keys, string scope, string key, byte[] hash)
    {
        var (decision, stored) = await keys.BeginAsync(scope, key, hash, context.RequestAborted);
        switch (decision)
        {
            case IdempotencyDecision.Replay:
                context.Response.StatusCode = stored!.ResponseStatus!.Value;
                context.Response.ContentType = stored.ResponseContentType;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                if (context.GetEndpoint()?.Metadata.GetMetadata<ReplayedLocation>()?.From(stored.ResponseBody) is { } location)
                {
                    context.Response.Headers.Location = location;
                }

                await context.Response.Body.WriteAsync(stored.ResponseBody, context.RequestAborted);
                return;
            case IdempotencyDecision.Reused:
                await ApiErrors.WriteAsync(context, StatusCodes.Status409Conflict, "idempotency_key_reused",
                    "This Idempotency-Key was used with another request body.", IdempotencyKey.HeaderName);
                return;
            case IdempotencyDecision.InProgress:
                await ApiErrors.WriteAsync(context, StatusCodes.Status409Conflict, "idempotency_key_in_progress",
                    "A request with this Idempotency-Key is still running; retry when it has finished.", IdempotencyKey.HeaderName);
                return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await keys.CarryOutAsync(scope, key, async () =>
            {
                await next(context);
                return context.Response.StatusCode;
            }, status => status < 500 ? (status, context.Response.ContentType, SecretFields.ForReplay(context, captured.ToArray())) : null);
        }
        finally
        {
            context.Response.Body = original;
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static bool Applies(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) && request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ReadOnlyPost>() is null)
        || (HttpMethods.IsPut(request.Method) && request.Path.Value?.EndsWith("/bulk", StringComparison.Ordinal) == true);

    /// <summary>The method, path and body: the same key with any of them different is another request.</summary>
    private static async Task<byte[]> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        try
        {
            if (string.IsNullOrEmpty(boundary)) await AppendAsync(hash, request.Body, request.HttpContext.RequestAborted);
            else await AppendPartsAsync(hash, request.Body, boundary, request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A malformed multipart body: the route refuses it; the key compares the bytes as they came.
            request.Body.Position = 0;
            hash.AppendData([0]);
            await AppendAsync(hash, request.Body, request.HttpContext.RequestAborted);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// A multipart upload by its parts' names, types and contents, not by its bytes: a client chooses a new
    /// boundary for every request (curl does), so the same file sent again is the same request.
    /// </summary>
    private static async Task AppendPartsAsync(IncrementalHash hash, Stream body, string boundary, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body) { HeadersLengthLimit = 16 * 1024 };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"\n--part {section.ContentDisposition}\n{section.ContentType}\n"));
            await AppendAsync(hash, section.Body, cancellationToken);
        }
    }

    private static async Task AppendAsync(IncrementalHash hash, Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0) hash.AppendData(buffer, 0, read);
    }
}
