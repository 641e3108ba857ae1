using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using ReturningAi.Messaging;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.AccessRules;

namespace ReturningAi.Store.Products;

/// <summary>
/// Creates products all or none: checks every rule and resolves every name (400, all their problems
/// together), finds duplicate voucher codes (409), then writes the products, their vouchers (binary
/// COPY), the handled command and the <c>PRODUCT_EVENTS.PRODUCTS_CREATED</c> event (outbox) in one
/// transaction. A dry run stops before the write and answers exactly what the real call would.
/// </summary>
public sealed class ProductCreator(StoreDbContext db, ProductNameResolver resolver, StoreMetrics metrics, TimeProvider time)
{
    /// <param name="mayBeRepeat">
    /// False on a first delivery: the look-up of an earlier reply is skipped, and the handled-command key
    /// still catches a true repeat at commit.
    /// </param>
    /// <param name="jobId">The products job they come from, named by the event; null for a request.</param>
    internal async Task<CreateOutcome> CreateAsync(
        string communityId, IReadOnlyList<ProductInput> products, bool isBulk, bool dryRun, Guid? commandId, string requestId,
        CancellationToken cancellationToken, bool mayBeRepeat = true, string? jobId = null)
    {
        if (mayBeRepeat && commandId is { } handledId && await ReplayAsync(handledId, cancellationToken) is { } replay) return replay;

        var errors = new List<ErrorItem>();
        for (var i = 0; i < products.Count; i++)
        {
            ProductRules.Validate(products[i], new ProductErrors(errors, isBulk ? $"[{i}]." : "", isBulk ? i : null));
        }

        // Names are resolved even when values are wrong: all problems of a request come back together.
        var (names, unresolved) = await resolver.ResolveAsync(communityId, products, isBulk, cancellationToken);
        if (errors.Count > 0)
        {
            return CreateOutcome.Reject(StatusCodes.Status400BadRequest, "The products are invalid.", [.. ProductErrors.WithUnresolvedNames(errors, unresolved)]);
        }

        if (unresolved.Count > 0)
        {
            return CreateOutcome.Reject(StatusCodes.Status400BadRequest, "Some names do not exist in this community.", unresolved);
        }

        var duplicates = VoucherDuplicates.Find(products, isBulk);
        if (duplicates.Count > 0)
        {
            return CreateOutcome.Reject(StatusCodes.Status409Conflict, "Some voucher codes appear more than once.", duplicates);
        }

        // Milliseconds: what the API shows and what PostgreSQL keeps agree.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var ids = products.Select(_ => ObjectIds.New(time)).ToList();
        // The read objects need no stored form of the entries; it is made when each product is saved (SaveAsync).
        var dtos = products.Select((p, i) => ProductMapping.ToDto(ProductMapping.ToEntity(p, ids[i], communityId, names, now, storedPermission: ""),
            names.Category(p.CategoryName)!.Value.Name, p.PurchaseStatusOverrideName is { } s ? names.Status(s)!.Value.Name : null, p.Vouchers.Count,
            totalOrders: 0, PermissionEntries.WithStoredNames(p.ProductPermission, names))).ToList();

        if (dryRun)
        {
            return new CreateOutcome(new CreateProductsSucceeded([.. dtos.Select(d => d with { Id = null, CreatedAt = null, UpdatedAt = null })], DryRun: true), null);
        }

        var succeeded = new CreateProductsSucceeded(dtos);
        try
        {
            // Inside the caller's transaction when its idempotency key completes with the products.
            await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
            if (commandId is { } id) HandledCommands.Record(db, id, communityId, succeeded, now);

            await SaveAsync(products, ids, communityId, names, now, cancellationToken);
            await VoucherCopy.WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(),
                ids.Select((productId, i) => new VoucherCopy.Batch(productId, communityId, products[i].VoucherExpireDate ?? now, products[i].Vouchers))
                    .Where(batch => batch.Codes.Count > 0),
                cancellationToken);
            // Per community: a partner's webhooks hear of its imports in the order they were made.
            db.AddEvent(new ProductsCreated(communityId, ids, products.Sum(p => p.Vouchers.Count), requestId)
            {
                Products = [.. dtos.Select((dto, i) => new CreatedProduct(ids[i], dto.Name, dto.Category))],
                JobId = jobId,
            }, $"community:{communityId}");
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (commandId is not null && HandledCommands.IsRepeat(exception))
        {
            // Another instance carried out the same (redelivered) command first: answer as it did.
            db.ChangeTracker.Clear();
            return await ReplayAsync(commandId.Value, cancellationToken) ?? throw new InvalidOperationException("The handled command vanished.", exception);
        }

        metrics.ProductsCreated(ids.Count, products.Sum(p => (long)p.Vouchers.Count), isBulk);
        return new CreateOutcome(succeeded, null);
    }

    /// <summary>
    /// Inserts the products in the caller's transaction, in chunks of about <see cref="StoredPermissionChunk"/> characters of
    /// stored permission entries, each product's stored form made just before its chunk and let go after it: at the permission
    /// bounds 14 products store 43 million characters of ids, 86 MB as strings if all were held until one save. A request
    /// of ordinary size is one chunk, one save, as before.
    /// </summary>
    private async Task SaveAsync(IReadOnlyList<ProductInput> products, List<string> ids, string communityId, ResolvedNames names,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var chunk = new List<Product>();
        long characters = 0;
        for (var i = 0; i < products.Count; i++)
        {
            var entity = ProductMapping.ToEntity(products[i], ids[i], communityId, names, now,
                PermissionEntries.ToStoredJson(products[i].ProductPermission, names));
            db.Products.Add(entity);
            chunk.Add(entity);
            characters += entity.ProductPermission.Length;
            if (characters < StoredPermissionChunk && i < products.Count - 1) continue;

            await db.SaveChangesAsync(cancellationToken);
            foreach (var saved in chunk) db.Entry(saved).State = EntityState.Detached;
            chunk.Clear();
            characters = 0;
        }

        // The handled command, when there was no product to save it with.
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
    }

    private const long StoredPermissionChunk = 4 * 1024 * 1024;

    private async Task<CreateOutcome?> ReplayAsync(Guid commandId, CancellationToken cancellationToken) =>
        await HandledCommands.FindReplyAsync<CreateProductsSucceeded>(db, commandId, cancellationToken) is { } reply
            ? new CreateOutcome(reply, null, Replayed: true)
            : null;
}
