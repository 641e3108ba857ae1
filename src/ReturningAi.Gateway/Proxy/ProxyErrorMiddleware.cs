using Microsoft.AspNetCore.Http.Features;
using ReturningAi.ServiceDefaults.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ReturningAi.Gateway.Proxy;

/// <summary>Turns YARP's bodiless proxy failures into the contract's envelope: 413 for a body over the limit, else 502.</summary>
public static class ProxyErrorMiddleware
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();

        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted) return;

        if (error.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } max
                && context.Request.ContentLength > max))
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "body_too_large",
                "The request body is larger than 10 MiB.");
            return;
        }

        var message = error.Error is ForwarderError.RequestTimedOut
            ? "The service behind this route did not answer in time."
            : "The service behind this route is unreachable.";
        await ApiErrors.WriteAsync(context, StatusCodes.Status502BadGateway, "upstream_unavailable", message);
    }
}
