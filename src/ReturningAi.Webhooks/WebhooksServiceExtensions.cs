using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReturningAi.SafeHttp;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Messaging;
using ReturningAi.Webhooks.Consumers;
using ReturningAi.Webhooks.Deliveries;
using ReturningAi.Webhooks.Endpoints;
using ReturningAi.Webhooks.Events;
using ReturningAi.Webhooks.Infrastructure;

namespace ReturningAi.Webhooks;

public static class WebhooksServiceExtensions
{
    public const string DatabaseName = "webhooksdb";

    public static IHostApplicationBuilder AddWebhooksServices(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayTrust();
        builder.AddIdempotency<IHostApplicationBuilder, WebhooksDbContext>();
        builder.AddNpgsqlDbContext<WebhooksDbContext>(DatabaseName,
            // An attempt is one transaction around an HTTP call: EF's retries would replay half of it.
            settings => settings.DisableRetry = true,
            options => options.UseSnakeCaseNamingConvention());

        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => TryParse(o.RetrySchedule), $"{WebhookOptions.SectionName}:RetrySchedule must be a comma list of waits such as 0s,5s,5m,2h.")
            .Validate(o => o.Concurrency > 0 && o.MaxEndpointsPerCommunity > 0 && o.AttemptTimeout > TimeSpan.Zero, "Webhook limits must be positive.")
            .ValidateOnStart();
        // The URL rules read the same section: AllowHttp and AllowedNetworks (defaults: https, public addresses only).
        builder.Services.AddOptions<SafeHttpOptions>().BindConfiguration(WebhookOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton(services => new UrlGuard(services.GetRequiredService<IOptions<SafeHttpOptions>>().Value,
            services.GetRequiredService<IHostResolver>()));
        builder.Services.AddSingleton(services => new DeliveryPolicy(
            RetrySchedule.Parse(services.GetRequiredService<IOptions<WebhookOptions>>().Value.RetrySchedule),
            services.GetRequiredService<IOptions<WebhookOptions>>().Value.DisableAfter, Random.Shared));
        builder.AddStoredSecrets<IHostApplicationBuilder, WebhooksDbContext>("ReturningAi.Webhooks");
        builder.Services.AddSingleton(services => new DeliverySender(services.GetRequiredService<UrlGuard>(), services.GetRequiredService<StoredSecrets>(),
            services.GetRequiredService<IOptions<WebhookOptions>>().Value, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddScoped<DeliveryAttempts>();
        builder.Services.AddScoped<EventRecorder>();
        builder.Services.AddScoped<EndpointWriter>();
        builder.Services.AddHostedService<DeliveryWorker>();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<ProductsCreatedConsumer>(typeof(ProductsCreatedConsumerDefinition));
            bus.AddConsumer<ItemPurchasedConsumer>(typeof(ItemPurchasedConsumerDefinition));
            bus.AddConsumer<OrderStatusChangedConsumer>(typeof(OrderStatusChangedConsumerDefinition));
            bus.AddConsumer<UserJoinedConsumer>(typeof(UserJoinedConsumerDefinition));
            bus.AddConsumer<JobCompletedConsumer>(typeof(JobCompletedConsumerDefinition));
        });
        return builder;
    }

    private static bool TryParse(string schedule)
    {
        try
        {
            RetrySchedule.Parse(schedule);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
