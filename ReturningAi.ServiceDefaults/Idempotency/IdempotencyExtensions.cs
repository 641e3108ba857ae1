using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReturningAi.ServiceDefaults.Idempotency;

public static class IdempotencyExtensions
{
    public static TBuilder AddIdempotency<TBuilder, TContext>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        where TContext : DbContext
    {
        builder.Services.AddScoped<IdempotencyKeys<TContext>>();
        builder.Services.AddSingleton<AbandonedKeys<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AbandonedKeys<TContext>>());
        return builder;
    }

    /// <summary>After the gateway check: keys are scoped to the community it vouches for.</summary>
    public static IApplicationBuilder UseIdempotency<TContext>(this IApplicationBuilder app) where TContext : DbContext =>
        app.UseMiddleware<IdempotencyMiddleware<TContext>>();
}
