using ReturningAi.Contracts.Webhooks;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Community.Apis;

/// <summary>
/// Encrypted calls to Community's own incoming webhook (user fields): the body is replaced by its plaintext before anything
/// else reads it, the idempotency check included (it compares plaintext), so this runs before <c>UseIdempotency</c>.
/// The rules and refusals are <see cref="IncomingBodyOpener"/>'s.
/// </summary>
public sealed class IncomingBodyDecryptionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IncomingBodyOpener opener)
    {
        var path = context.Request.Path.Value ?? "";
        var communityId = context.Features.Get<GatewayIdentity>()?.CommunityId;
        if (!HttpMethods.IsPost(context.Request.Method) || !string.Equals(path, IncomingWebhookPaths.UserFields, StringComparison.OrdinalIgnoreCase)
            || communityId is null)
        {
            await next(context);
            return;
        }

        var flagged = string.Equals(context.Request.Headers[IncomingWebhookPaths.EncryptedHeader].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var opened = await opener.OpenAsync(communityId, path, flagged, context.Request.Body, context.RequestAborted);
        if (opened.Refusal is { } refusal)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, refusal.Code, refusal.Message);
            return;
        }

        if (opened.Plaintext is { } plaintext)
        {
            context.Request.Body = new MemoryStream(plaintext, writable: false);
            context.Request.ContentLength = plaintext.Length;
            context.Request.ContentType = "application/json";
        }

        await next(context);
    }
}
