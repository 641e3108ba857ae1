using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ReturningAi.ServiceDefaults.Data;

public static class ConcurrentSeeding
{
    private const int Attempts = 3;

    /// <summary>
    /// Runs a check-then-insert seed in a fresh scope. Instances of a service start side by side and
    /// seed the same rows; when a unique index refuses ours because another instance got there first,
    /// the seed runs again in a new scope, where its checks now find those rows. Without this, the
    /// losing instance's host stopped on the exception.
    /// </summary>
    public static async Task SeedAsync<TContext>(this IServiceScopeFactory scopes, Func<TContext, IServiceProvider, Task> seed,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await seed(scope.ServiceProvider.GetRequiredService<TContext>(), scope.ServiceProvider);
                return;
            }
            catch (DbUpdateException exception) when (attempt < Attempts && PostgresErrors.IsUniqueViolation(exception))
            {
                // Another instance inserted the same rows first: look again.
            }
        }
    }
}
