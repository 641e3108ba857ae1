using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ (connection string <c>messaging</c>), kebab-case endpoints, compact JSON:
    /// MassTransit indents by default, which nearly doubles the size of a large command; repeated short
    /// strings are read as one (<see cref="DeduplicatingStringConverter"/>).
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(
        this TBuilder builder,
        Action<IBusRegistrationConfigurator>? configure = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Run the service from the AppHost, or start RabbitMQ with eng/infra.sh start.");

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // MassTransit reports anonymous usage to its vendor over the internet by default; partners'
            // deployments must not call out, and this machine cannot.
            x.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            configure?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(connectionString));
                // The product page's names for the product messages, on every service alike.
                cfg.Message<CreateProducts>(m => m.SetEntityName(CreateProducts.EntityName));
                cfg.Message<UpdateProducts>(m => m.SetEntityName(UpdateProducts.EntityName));
                cfg.Message<ProductsCreated>(m => m.SetEntityName(ProductsCreated.EntityName));
                // users.md U9: COMMUNITY_EVENTS.*
                cfg.Message<UserCreated>(m => m.SetEntityName(UserCreated.EntityName));
                cfg.Message<UserJoined>(m => m.SetEntityName(UserJoined.EntityName));
                cfg.Message<UserUpdated>(m => m.SetEntityName(UserUpdated.EntityName));
                cfg.Message<UserFieldChanged>(m => m.SetEntityName(UserFieldChanged.EntityName));
                cfg.Message<UserFieldDefinitionChanged>(m => m.SetEntityName(UserFieldDefinitionChanged.EntityName));
                cfg.Message<CommunityUpdated>(m => m.SetEntityName(CommunityUpdated.EntityName));
                cfg.Message<UpdatePurchaseHistory>(m => m.SetEntityName(UpdatePurchaseHistory.EntityName));
                cfg.Message<ItemPurchased>(m => m.SetEntityName(ItemPurchased.EntityName));
                cfg.Message<OrderStatusChanged>(m => m.SetEntityName(OrderStatusChanged.EntityName));
                cfg.Message<VoucherUpdated>(m => m.SetEntityName(VoucherUpdated.EntityName));
                // events-and-jobs.md section 3: BULK_EVENTS.*
                cfg.Message<JobCompleted>(m => m.SetEntityName(JobCompleted.EntityName));
                cfg.Message<ApplyUserRows>(m => m.SetEntityName(ApplyUserRows.EntityName));
                cfg.Message<CheckUserColumns>(m => m.SetEntityName(CheckUserColumns.EntityName));
                cfg.ConfigureJsonSerializerOptions(options =>
                {
                    options.WriteIndented = false;
                    options.Converters.Add(new DeduplicatingStringConverter());
                    return options;
                });
                configureBus?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
