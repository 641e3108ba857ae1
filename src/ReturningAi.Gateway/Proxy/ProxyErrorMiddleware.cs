using ReturningAi.ServiceDefaults.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ReturningAi.Gateway.Proxy;

/// <summary>Turns YARP's bodiless proxy failures into the contract's envelope: the caller's own body problems as 4xx (413 over the limit), the service's as 502.</summary>
public static class ProxyErrorMiddleware
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();

        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted) return;

        // Kestrel's refusal of the caller's body (too large, too slow) arrives wrapped by YARP: it is the caller's 4xx, not ours.
        for (var exception = error.Exception; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException bad)
            {
                await (bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? ApiErrors.WriteAsync(context, bad.StatusCode, "body_too_large", "The request body is larger than 10 MiB.")
                    : ApiErrors.WriteAsync(context, bad.StatusCode, "bad_request", "The request body could not be read."));
                return;
            }
        }

        if (error.Error is ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "bad_request", "The request body could not be read.");
            return;
        }

        var message = error.Error is ForwarderError.RequestTimedOut
            ? "The service behind this route did not answer in time."
            : "The service behind this route is unreachable.";
        await ApiErrors.WriteAsync(context, StatusCodes.Status502BadGateway, "upstream_unavailable", message);
    }
}
