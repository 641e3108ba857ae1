using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Apis;
using ReturningAi.Community.Consumers;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Messaging;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Community;

public static class CommunityServiceExtensions
{
    public const string DatabaseName = "communitydb";

    public static IHostApplicationBuilder AddCommunityServices(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayTrust();
        builder.AddIdempotency<IHostApplicationBuilder, CommunityDbContext>();
        builder.AddNpgsqlDbContext<CommunityDbContext>(DatabaseName,
            // A unit of work is one transaction (its events and idempotency key in it): EF's retries would replay half of one.
            settings =>
            {
                settings.DisableRetry = true;
                settings.ConnectionString = PreparedStatements.On(settings.ConnectionString);
            },
            options => options.UseSnakeCaseNamingConvention().UseOutbox());
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<ApplyUserRowsConsumer>(typeof(ApplyUserRowsConsumerDefinition));
            bus.AddConsumer<CheckUserColumnsConsumer>(typeof(CheckUserColumnsConsumerDefinition));
        });
        builder.AddOutbox<CommunityDbContext>();
        builder.AddExpiredRowSweep<CommunityDbContext, Model.BulkRowResult>(r => r.CreatedAt, Contracts.Jobs.JobRetention.Keep);
        builder.AddStoredSecrets<IHostApplicationBuilder, CommunityDbContext>("ReturningAi.Community");
        builder.Services.AddScoped<IncomingBodyOpener>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<UserSearchOptions>().BindConfiguration(UserSearchOptions.SectionName);
        builder.Services.Configure<OpenApiOptions>(OpenApiExtensions.DocumentName, options => options.AddSchemaTransformer<MemberSchemaTransformer>());
        builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }
}
