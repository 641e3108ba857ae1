using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Messaging;

namespace ReturningAi.Community;

public static class CommunityServiceExtensions
{
    public const string DatabaseName = "communitydb";

    public static IHostApplicationBuilder AddCommunityServices(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayTrust();
        builder.AddNpgsqlDbContext<CommunityDbContext>(DatabaseName,
            configureDbContextOptions: options => options.UseSnakeCaseNamingConvention());
        builder.AddMessaging();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Schema migrations apply on start-up; several instances may race, which PostgreSQL's migration lock settles.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        await db.Database.MigrateAsync();
    }
}
