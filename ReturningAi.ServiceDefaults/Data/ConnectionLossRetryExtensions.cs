using Microsoft.AspNetCore.Builder;

namespace ReturningAi.ServiceDefaults.Data;

public static class ConnectionLossRetryExtensions
{
    /// <summary>Re-runs a request whose database connection died under it (see <see cref="ConnectionLossRetryMiddleware"/>).</summary>
    public static IApplicationBuilder UseRetryAfterConnectionLoss(this IApplicationBuilder app) =>
        app.UseMiddleware<ConnectionLossRetryMiddleware>();
}
