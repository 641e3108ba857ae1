using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ReturningAi.ClaimCheck;

public static class ClaimCheckExtensions
{
    /// <summary>The connection string's name: the database the producer and the consumer of large messages share.</summary>
    public const string DatabaseName = "messagedatadb";

    /// <summary>
    /// The repository (also as MassTransit's <see cref="IMessageDataRepository"/>; the bus still needs
    /// <c>UseMessageData</c>), its writer, its context for migrations, and the sweep of expired payloads.
    /// </summary>
    public static IHostApplicationBuilder AddClaimCheck(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseName} is not set. Run the service from the AppHost.");
        builder.Services.Configure<ClaimCheckOptions>(builder.Configuration.GetSection(ClaimCheckOptions.SectionName));
        builder.Services.AddDbContext<ClaimCheckDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddSingleton(services => new PostgresMessageDataRepository(
            NpgsqlDataSource.Create(connectionString), services.GetRequiredService<IOptions<ClaimCheckOptions>>()));
        builder.Services.AddSingleton<IMessageDataRepository>(services => services.GetRequiredService<PostgresMessageDataRepository>());
        builder.Services.AddSingleton<MessageDataWriter>();
        builder.Services.AddHostedService<MessageDataSweep>();
        return builder;
    }
}
