using MassTransit;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Store.Jobs;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// A products job, whole (<see cref="ProductJobImport"/>), and its results answered. No inbox: the per-product markers make
/// a redelivered command answer what it recorded, which the Jobs service needs anyway.
/// </summary>
public sealed class ApplyProductJobConsumer(ProductJobImport import) : IConsumer<ApplyProductJob>
{
    public async Task Consume(ConsumeContext<ApplyProductJob> context) =>
        await context.RespondAsync(await import.ApplyAsync(context.Message, context.CancellationToken));
}
