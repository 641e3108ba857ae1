using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReturningAi.ServiceDefaults.Data;

public static class ExpiredRowSweepExtensions
{
    /// <summary>Rows of <typeparamref name="TEntity"/> created more than <paramref name="keep"/> ago are deleted by an hourly sweep (<see cref="ExpiredRowSweep{TContext, TEntity}"/>).</summary>
    public static IHostApplicationBuilder AddExpiredRowSweep<TContext, TEntity>(this IHostApplicationBuilder builder,
        Expression<Func<TEntity, DateTimeOffset>> createdAt, TimeSpan keep)
        where TContext : DbContext
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new ExpiredRowSweep<TContext, TEntity>.Settings(createdAt, keep));
        builder.Services.AddSingleton<ExpiredRowSweep<TContext, TEntity>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExpiredRowSweep<TContext, TEntity>>());
        return builder;
    }
}
