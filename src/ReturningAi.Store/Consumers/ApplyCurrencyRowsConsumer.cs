using MassTransit;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Store.Jobs;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// A chunk of a currency job: each row one ledger entry, once (<see cref="CurrencyRowImport"/>), in order, and the results answered
/// in the compact reply (<see cref="CurrencyRowsApplied"/>).
/// No inbox: the per-row markers make a redelivered chunk answer what it recorded, which the Jobs service needs anyway.
/// </summary>
public sealed class ApplyCurrencyRowsConsumer(CurrencyRowImport import, ILogger<ApplyCurrencyRowsConsumer> logger) : IConsumer<ApplyCurrencyRows>
{
    public async Task Consume(ConsumeContext<ApplyCurrencyRows> context)
    {
        var applied = await import.ApplyChunkAsync(context.Message, context.CancellationToken);
        logger.LogInformation("Applied {Rows} currency rows of job {JobId}: {Failed} failed", applied.Results.Count, context.Message.JobId,
            applied.Results.Count(r => r.Status == RowStatuses.Failed));
        await context.RespondAsync(CurrencyRowsApplied.From(applied.Results));
    }
}
