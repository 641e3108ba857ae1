using MassTransit;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Community.Consumers;

/// <summary>
/// A chunk of a users job: each row applied once (<see cref="UserRowImport"/>), in order, and the results answered.
/// No inbox: the per-row results make a redelivered chunk answer what it recorded, which the Jobs service needs anyway.
/// </summary>
public sealed class ApplyUserRowsConsumer(CommunityDbContext db, ILogger<ApplyUserRowsConsumer> logger) : IConsumer<ApplyUserRows>
{
    public async Task Consume(ConsumeContext<ApplyUserRows> context)
    {
        var applied = await UserRowImport.ApplyChunkAsync(db, context.Message, context.CancellationToken);
        logger.LogInformation("Applied {Rows} rows of job {JobId}: {Failed} failed", applied.Results.Count, context.Message.JobId,
            applied.Results.Count(r => r.Status == RowStatuses.Failed));
        await context.RespondAsync(applied);
    }
}
