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
    internal async Task<CreateOutcome> CreateAsync(
        string communityId, IReadOnlyList<ProductInput> products, bool isBulk, bool dryRun, Guid? commandId, string requestId,
        CancellationToken cancellationToken, bool mayBeRepeat = true)
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
        var entities = products.Select(p => ProductMapping.ToEntity(p, ObjectIds.New(time), communityId, names, now)).ToList();
        var dtos = entities.Select((entity, i) => ProductMapping.ToDto(entity, names.Category(products[i].CategoryName)!.Value.Name,
            products[i].PurchaseStatusOverrideName is { } s ? names.Status(s)!.Value.Name : null, products[i].Vouchers.Count, totalOrders: 0,
            PermissionEntries.WithStoredNames(products[i].ProductPermission, names))).ToList();

        if (dryRun)
        {
            return new CreateOutcome(new CreateProductsSucceeded([.. dtos.Select(d => d with { Id = null, CreatedAt = null, UpdatedAt = null })], DryRun: true), null);
        }

        var succeeded = new CreateProductsSucceeded(dtos);
        try
        {
            // Inside the caller's transaction when its idempotency key completes with the products.
            await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
            db.Products.AddRange(entities);
            if (commandId is { } id) HandledCommands.Record(db, id, communityId, succeeded, now);

            await db.SaveChangesAsync(cancellationToken);
            await VoucherCopy.WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(),
                entities.Select((entity, i) => new VoucherCopy.Batch(entity.Id, communityId, products[i].VoucherExpireDate ?? now, products[i].Vouchers))
                    .Where(batch => batch.Codes.Count > 0),
                cancellationToken);
            // Per community: a partner's webhooks hear of its imports in the order they were made.
            db.AddEvent(new ProductsCreated(communityId, [.. entities.Select(e => e.Id)], products.Sum(p => p.Vouchers.Count), requestId)
            {
                Products = [.. entities.Select((entity, i) => new CreatedProduct(entity.Id, entity.Name, dtos[i].Category))],
            }, $"community:{communityId}");
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (commandId is not null && HandledCommands.IsRepeat(exception))
        {
            // Another instance carried out the same (redelivered) command first: answer as it did.
            db.ChangeTracker.Clear();
            return await ReplayAsync(commandId.Value, cancellationToken) ?? throw new InvalidOperationException("The handled command vanished.", exception);
        }

        metrics.ProductsCreated(entities.Count, products.Sum(p => (long)p.Vouchers.Count), isBulk);
        return new CreateOutcome(succeeded, null);
    }

    private async Task<CreateOutcome?> ReplayAsync(Guid commandId, CancellationToken cancellationToken) =>
        await HandledCommands.FindReplyAsync<CreateProductsSucceeded>(db, commandId, cancellationToken) is { } reply
            ? new CreateOutcome(reply, null, Replayed: true)
            : null;
}
