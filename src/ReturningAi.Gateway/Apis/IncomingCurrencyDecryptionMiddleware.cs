using ReturningAi.Contracts.Webhooks;
using ReturningAi.Gateway.Authentication;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// Encrypted calls to the incoming currency webhook (events-and-jobs.md §2), which the Store serves. Design: the Store must
/// not hold the community's incoming encryption key, and copying the key into the gateway (a cache fed over the bus) would put
/// a partner's secret in a second process and need invalidation; so the gateway sends the authorized call's body to Community,
/// which keeps the key and opens it with the same code as its own user-fields route (<c>IncomingBodyOpener</c>), and forwards
/// the plaintext. The Store then sees a plain body, and its idempotency check compares plaintext. Runs after authorization:
/// only a key of the community has its body opened. The body and the plaintext are never logged.
/// </summary>
public sealed class IncomingCurrencyDecryptionMiddleware(RequestDelegate next, IncomingBodyClient community)
{
    public const string PublicPath = "/apis" + IncomingWebhookPaths.Currency;

    /// <summary>A currency call is a few hundred bytes, encrypted too: a longer body is refused rather than sent to Community.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var communityId = context.User.FindFirst(GatewayClaims.CommunityId)?.Value;
        if (!HttpMethods.IsPost(context.Request.Method) || !string.Equals(context.Request.Path.Value?.TrimEnd('/'), PublicPath, StringComparison.OrdinalIgnoreCase)
            || communityId is null)
        {
            await next(context);
            return;
        }

        var body = await ReadBoundedAsync(context.Request.Body, context.RequestAborted);
        if (body is null)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "body_too_large", "The body of an incoming currency call is larger than 64 KiB.");
            return;
        }

        var flagged = string.Equals(context.Request.Headers[IncomingWebhookPaths.EncryptedHeader].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        OpenedIncomingBody opened;
        try
        {
            opened = await community.OpenAsync(new OpenIncomingBodyRequest(communityId, IncomingWebhookPaths.Currency, flagged, body), context.RequestAborted);
        }
        catch (CommunityUnavailableException)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status502BadGateway, "upstream_unavailable",
                "The community's incoming encryption could not be checked right now; nothing was written. Try again shortly.");
            return;
        }

        if (opened.Refusal is { } refusal)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, refusal.Code, refusal.Message);
            return;
        }

        var forwarded = opened.Plaintext ?? body;
        context.Request.Body = new MemoryStream(forwarded, writable: false);
        context.Request.ContentLength = forwarded.Length;
        if (opened.Plaintext is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Headers.Remove(IncomingWebhookPaths.EncryptedHeader);
        }

        await next(context);
    }

    /// <summary>The whole body, or null when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
