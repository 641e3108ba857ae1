using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Jobs.Infrastructure;
using ReturningAi.Jobs.Jobs;
using ReturningAi.Jobs.Worker;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Messaging;

namespace ReturningAi.Jobs;

public static class JobsServiceExtensions
{
    public const string DatabaseName = "jobsdb";

    public static IHostApplicationBuilder AddJobsServices(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayTrust();
        builder.AddIdempotency<IHostApplicationBuilder, JobsDbContext>();
        builder.AddNpgsqlDbContext<JobsDbContext>(DatabaseName,
            // A chunk's results and counters are one transaction: EF's retries would replay half of one.
            settings => settings.DisableRetry = true,
            options => options.UseSnakeCaseNamingConvention().UseOutbox());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName);
        builder.Services.AddSingleton<JobSignal>();
        builder.Services.AddScoped<JobUploads>();
        builder.Services.AddScoped<JobLeases>();
        builder.Services.AddScoped<JobRunner>();
        builder.Services.AddHostedService<JobWorker>();
        builder.AddMessaging(bus =>
        {
            // Sent to the owners' queues, which carry the commands' names.
            bus.AddRequestClient<ApplyUserRows>(new Uri($"queue:{ApplyUserRows.EntityName}"));
            bus.AddRequestClient<ApplyCurrencyRows>(new Uri($"queue:{ApplyCurrencyRows.EntityName}"));
            bus.AddRequestClient<ApplyProductJob>(new Uri($"queue:{ApplyProductJob.EntityName}"));
            bus.AddRequestClient<CheckUserColumns>(new Uri($"queue:{CheckUserColumns.EntityName}"));
        });
        builder.AddOutbox<JobsDbContext>();
        return builder;
    }
}
