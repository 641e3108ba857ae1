using ReturningAi.ClaimCheck;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Messaging;
using ReturningAi.Store.Consumers;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Products;

namespace ReturningAi.Store;

public static class StoreServiceExtensions
{
    public const string DatabaseName = "storedb";

    public static IHostApplicationBuilder AddStoreServices(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayTrust();
        builder.AddIdempotency<IHostApplicationBuilder, StoreDbContext>();
        builder.AddNpgsqlDbContext<StoreDbContext>(DatabaseName,
            settings =>
            {
                // Retries belong to the consumers' retry policy: EF's own would replay half a transaction.
                settings.DisableRetry = true;
                settings.ConnectionString = PreparedStatements.On(settings.ConnectionString);
            },
            options => options.UseSnakeCaseNamingConvention().UseOutbox());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ProductNameResolver>();
        builder.Services.AddScoped<ProductCreator>();
        builder.Services.AddScoped<ProductReader>();
        builder.Services.AddScoped<Categories.CategoryWriter>();
        builder.Services.AddScoped<ProductUpdater>();
        builder.Services.AddScoped<Statuses.DefaultStatuses>();
        builder.Services.AddScoped<Users.UserCopyLookup>();
        builder.Services.AddScoped<Wallets.WalletBook>();
        builder.Services.AddScoped<Orders.OrderReader>();
        builder.Services.AddScoped<Orders.OrderStatusChanger>();
        builder.Services.AddScoped<Orders.PurchaseHistoryEditor>();
        builder.Services.AddScoped<Purchases.Purchaser>();
        builder.Services.AddScoped<Jobs.CurrencyRowImport>();
        builder.Services.AddScoped<Jobs.ProductJobImport>();
        builder.Services.AddScoped<IdempotentReplies>();
        builder.Services.AddSingleton<LargeCommandGate>();
        builder.AddClaimCheck();
        builder.Services.AddSingleton<StoreMetrics>();
        builder.Services.AddHostedService<DemoSeeder>();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<CreateProductsConsumer>(typeof(CreateProductsConsumerDefinition));
            bus.AddConsumer<UpdateProductsConsumer>(typeof(UpdateProductsConsumerDefinition));
            bus.AddConsumer<ReferenceDataChangedConsumer>(typeof(ReferenceDataChangedConsumerDefinition));
            bus.AddConsumer<UserCreatedConsumer>(typeof(UserCreatedConsumerDefinition));
            bus.AddConsumer<UserUpdatedConsumer>(typeof(UserUpdatedConsumerDefinition));
            bus.AddConsumer<UpdatePurchaseHistoryConsumer>(typeof(UpdatePurchaseHistoryConsumerDefinition));
            bus.AddConsumer<ApplyCurrencyRowsConsumer>(typeof(ApplyCurrencyRowsConsumerDefinition));
            bus.AddConsumer<ApplyProductJobConsumer>(typeof(ApplyProductJobConsumerDefinition));
        });
        builder.AddOutbox<StoreDbContext>();
        builder.AddExpiredRowSweep<StoreDbContext, Model.BulkRowMarker>(r => r.CreatedAt, Contracts.Jobs.JobRetention.Keep);
        return builder;
    }
}
