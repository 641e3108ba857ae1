using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>
/// Gives every request its id (<see cref="HttpContext.TraceIdentifier"/>), echoes it in the response,
/// and carries it into the log scope and the current trace, so a support ticket leads to the trace.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var sent = context.Request.Headers[InternalHeaders.RequestId].ToString();
        var requestId = RequestIds.IsAcceptable(sent) ? sent : RequestIds.New();

        context.TraceIdentifier = requestId;
        // Forwarded requests carry the id the gateway settled on.
        context.Request.Headers[InternalHeaders.RequestId] = requestId;
        // Set as the response starts: a proxied answer brings its own copy, which this one replaces.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[InternalHeaders.RequestId] = requestId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("http.request_id", requestId);

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId }))
        {
            await next(context);
        }
    }
}
