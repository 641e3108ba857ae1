using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ReturningAi.ServiceDefaults.Http;

public static class ApiErrorHandlingExtensions
{
    /// <summary>First in every pipeline, so that every answer, refusals included, carries its request id.</summary>
    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.UseMiddleware<RequestIdMiddleware>();

    /// <summary>
    /// Every error leaves in the contract's envelope: an unhandled exception becomes a bare 500 (no
    /// stack trace, SQL or host name), a framework status without a body (405, 415, …) gets one, and an
    /// oversized body that the framework refuses becomes 413.
    /// </summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (exception is BadHttpRequestException bad)
            {
                return ApiErrors.WriteAsync(context, bad.StatusCode, CodeFor(bad.StatusCode), MessageFor(bad.StatusCode));
            }

            // The service's database is unreachable (restarting, refusing connections): the contract's 502.
            if (!IsDatabaseUnavailable(exception))
            {
                return ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal_error",
                    "Something went wrong on our side. Quote the request id when you contact support.");
            }

            // After a server restart every idle pooled connection is dead; drop them all now rather
            // than let each fail one more request.
            Npgsql.NpgsqlConnection.ClearAllPools();
            return ApiErrors.WriteAsync(context, StatusCodes.Status502BadGateway, "upstream_unavailable",
                "The database behind this route is unreachable right now; nothing was changed. Try again shortly.");
        }));
        app.UseStatusCodePages(context =>
            ApiErrors.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode,
                CodeFor(context.HttpContext.Response.StatusCode), MessageFor(context.HttpContext.Response.StatusCode)));
        return app;
    }

    private static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true }) return true;
        }

        return false;
    }

    private static string CodeFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "body_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "headers_too_large",
        >= 500 => "internal_error",
        _ => "bad_request",
    };

    private static string MessageFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound => "No such route.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than 10 MiB.",
        _ => ReasonPhrases.GetReasonPhrase(statusCode) + ".",
    };
}
