using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Apis;
using ReturningAi.Community.Infrastructure;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Messaging;

namespace ReturningAi.Community;

public static class CommunityServiceExtensions
{
    public const string DatabaseName = "communitydb";

    public static IHostApplicationBuilder AddCommunityServices(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayTrust();
        builder.AddIdempotency<IHostApplicationBuilder, CommunityDbContext>();
        builder.AddNpgsqlDbContext<CommunityDbContext>(DatabaseName,
            configureDbContextOptions: options => options.UseSnakeCaseNamingConvention());
        builder.AddMessaging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ReferenceDataPublisher>();
        builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }
}
