using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Contracts.Products;
using ReturningAi.Products;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.Jobs;

/// <summary>
/// A products job (events-and-jobs.md section 3), whole: every product is checked by the create's own rules and names
/// (<see cref="ProductRules"/>, <see cref="ProductNameResolver"/>), the policy picks the products to create
/// (<see cref="ProductJobSelection"/>), and <see cref="ProductCreator"/> writes them and <c>PRODUCT_EVENTS.PRODUCTS_CREATED</c>
/// (with the job's id) in the transaction that also records a <see cref="BulkRowMarker"/> per product. A command sent
/// again (the Jobs service retries, or took the job over) answers the recorded results and creates nothing.
/// </summary>
public sealed class ProductJobImport(StoreDbContext db, ProductNameResolver resolver, ProductCreator creator, TimeProvider time,
    ILogger<ProductJobImport> logger)
{
    public async Task<JobRowsApplied> ApplyAsync(ApplyProductJob command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await BulkRowMarkers.ApplyOnceAsync(db, logger, command.JobId, () => ApplyOnceAsync(command, cancellationToken));
    }

    private async Task<JobRowsApplied> ApplyOnceAsync(ApplyProductJob command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await db.BulkRowMarkers.AsNoTracking().Where(m => m.JobId == command.JobId).OrderBy(m => m.Row).ToListAsync(cancellationToken);
        if (recorded.Count > 0) return new JobRowsApplied([.. recorded.Select(BulkRowMarkers.ToResult)]);

        var products = command.Products;
        var errors = await CheckAsync(command.CommunityId, products, cancellationToken);
        var selection = ProductJobSelection.Select(products.Count, command.Refused.Concat(errors.Select(e => e.Index ?? -1)), command.OnError);
        var created = new Dictionary<int, string>();
        if (selection.Create.Count > 0)
        {
            var outcome = await creator.CreateAsync(command.CommunityId, [.. selection.Create.Select(i => products[i])], isBulk: true, dryRun: false,
                commandId: null, requestId: $"job:{command.JobId}", cancellationToken, mayBeRepeat: false, jobId: command.JobId);
            // Everything was checked in this transaction a moment ago; a refusal now is a race (a name deleted meanwhile): the job's retry checks again.
            var createdProducts = outcome.Succeeded?.Products ?? throw new InvalidOperationException(
                $"The products of job {command.JobId} were refused at creation: {outcome.Rejected?.Message}");
            for (var k = 0; k < selection.Create.Count; k++) created[selection.Create[k]] = createdProducts[k].Id!;
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var byProduct = errors.ToLookup(e => e.Index ?? -1);
        var markers = Enumerable.Range(0, products.Count).Select(i => new BulkRowMarker
        {
            JobId = command.JobId,
            Row = i,
            CommunityId = command.CommunityId,
            Status = created.ContainsKey(i) ? RowStatuses.Created : selection.Failed.Contains(i) ? RowStatuses.Failed : RowStatuses.NotApplied,
            ProductId = created.GetValueOrDefault(i),
            Errors = BulkRowMarkers.ErrorsJson(byProduct[i].ToList()),
            CreatedAt = now,
        }).ToList();
        db.BulkRowMarkers.AddRange(markers);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        logger.LogInformation("Products job {JobId} ({OnError}): {Created} created, {Failed} failed, {NotApplied} not applied", command.JobId,
            command.OnError, created.Count, selection.Failed.Count, products.Count - created.Count - selection.Failed.Count);
        return new JobRowsApplied([.. markers.Select(BulkRowMarkers.ToResult)]);
    }

    /// <summary>
    /// Every product's problems by the create's rules, with its index: values, names that do not resolve in the community,
    /// and every occurrence of a voucher code used twice (all products sharing it fail under <c>skip</c>).
    /// </summary>
    private async Task<List<ErrorItem>> CheckAsync(string communityId, IReadOnlyList<ProductInput> products, CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        for (var i = 0; i < products.Count; i++) ProductRules.Validate(products[i], new ProductErrors(errors, $"[{i}].", i));
        var (_, unresolved) = await resolver.ResolveAsync(communityId, products, isBulk: true, cancellationToken);
        errors.AddRange(unresolved);
        errors.AddRange(VoucherDuplicates.FindAllOccurrences(products));
        return errors;
    }
}
