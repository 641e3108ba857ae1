using ReturningAi.Gateway.ApiReference;

namespace ReturningAi.Gateway.Security;

/// <summary>
/// Every response leaves with <c>X-Content-Type-Options: nosniff</c> (a browser never takes an answer for
/// another type than it says) and <c>Cache-Control: no-store</c> (no cache keeps a partner's data or serves
/// one partner's answer to another). Only the API reference page, its assets and the document behind it,
/// the same for everyone, may be cached (they say how long themselves). Set as the response starts, so a service's own answer and every error get them too.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!context.Request.Path.StartsWithSegments(ApiReferenceExtensions.PagePath, StringComparison.OrdinalIgnoreCase)
                && !context.Request.Path.StartsWithSegments(ApiReferenceExtensions.DocumentPath, StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
