using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReturningAi.Messaging;

public static class OutboxExtensions
{
    /// <summary>
    /// The dispatcher of <typeparamref name="TContext"/>'s outbox, in this instance (options: configuration
    /// section <c>Outbox</c>). The context's options need <see cref="Outbox.UseOutbox"/>, its model
    /// <see cref="MessagingModelExtensions.AddOutbox"/>, and the service MassTransit.
    /// </summary>
    public static IHostApplicationBuilder AddOutbox<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        builder.Services.AddSingleton(services =>
        {
            using var scope = services.CreateScope();
            var connectionString = scope.ServiceProvider.GetRequiredService<TContext>().Database.GetConnectionString()
                ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no connection string.");
            return new OutboxDispatcher(connectionString, services.GetRequiredService<IBus>(),
                services.GetRequiredService<IOptions<OutboxOptions>>().Value, services.GetRequiredService<ILogger<OutboxDispatcher>>());
        });
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxDispatcher>());
        return builder;
    }
}
