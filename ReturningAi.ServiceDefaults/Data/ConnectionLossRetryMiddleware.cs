using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// Runs a request once more, on new connections, when its first attempt lost its database connection
/// before answering. After PostgreSQL restarts, every idle connection in the pool is dead and the next
/// command on each fails ("terminating connection due to administrator command"); EF's retrying
/// strategy is off in our services (a unit of work is one explicit transaction), so without this the
/// first requests after a restart were 500s. The lost attempt's transaction did not commit (its
/// connection died first), so running the request again is what the partner would have done, minus
/// the error; a keyed request then meets its key as the first attempt left it.
/// </summary>
public sealed class ConnectionLossRetryMiddleware(RequestDelegate next, ILogger<ConnectionLossRetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The body must be readable twice; service requests are bounded by the gateway, and large ones spill to disk.
        context.Request.EnableBuffering();
        try
        {
            await next(context);
        }
        catch (Exception exception) when (ConnectionLoss.Is(exception) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("A request lost its database connection ({Reason}); the pool is cleared and the request runs once more",
                exception.GetBaseException().Message);
            ConnectionLoss.ClearPools();
            context.Request.Body.Position = 0;
            context.Response.Clear();
            // A fresh scope: the first attempt's DbContext still tracks what it failed to save, and would save it too.
            await using var retryScope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var firstServices = context.RequestServices;
            context.RequestServices = retryScope.ServiceProvider;
            try
            {
                await next(context);
            }
            finally
            {
                context.RequestServices = firstServices;
            }
        }
    }
}
