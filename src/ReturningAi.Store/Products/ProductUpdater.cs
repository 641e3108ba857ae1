using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Products;

/// <summary>
/// Partial updates of one or many products, all or none: the fields sent are laid over the product as
/// it is and the result must pass the same reader and rules as a create; vouchers sent are appended
/// (with <c>voucherExpireDate</c>), and a code the product already has, or that repeats in the request,
/// is 409. The (product, code) key settles appends that race. A bus command is recorded with its reply
/// in the same transaction (<see cref="HandledCommands"/>), so a redelivery answers the same and appends nothing.
/// </summary>
public sealed class ProductUpdater(StoreDbContext db, ProductNameResolver resolver, ProductReader reader, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="commandId">The bus message carrying the update, if any: handled already, its reply is given again.</param>
    internal async Task<(List<ProductDto>? Products, int Status, string Message, List<ErrorItem> Errors)> UpdateAsync(
        string communityId, IReadOnlyList<ProductUpdate> updates, bool isBulk, CancellationToken cancellationToken, Guid? commandId = null)
    {
        // Always looked for (one key look-up): a repeat would otherwise be refused for the codes its first delivery appended.
        if (await ReplayAsync(commandId, cancellationToken) is { } replay) return (replay, StatusCodes.Status200OK, "", []);

        var ids = updates.Select(u => u.Id).Distinct().ToList();
        var products = await db.Products.Where(p => p.CommunityId == communityId && ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var errors = new List<ErrorItem>();
        for (var i = 0; i < updates.Count; i++)
        {
            if (!products.ContainsKey(updates[i].Id))
            {
                var idField = updates[i].Fields.TryGetProperty(ProductUpdatesReader.ProductIdField, out _) ? ProductUpdatesReader.ProductIdField : "_id";
                errors.Add(new ErrorItem("product_not_found", $"No product '{updates[i].Id}' in this community.", isBulk ? $"[{i}].{idField}" : null) { Index = isBulk ? i : null });
            }
        }

        if (errors.Count > 0) return (null, StatusCodes.Status404NotFound, "Some products were not found.", errors);

        var current = (await reader.ToDtosAsync([.. products.Values], cancellationToken)).ToDictionary(d => d.Id!);
        var inputs = new List<ProductInput>(updates.Count);
        for (var i = 0; i < updates.Count; i++)
        {
            var prefix = isBulk ? $"[{i}]." : "";
            int? index = isBulk ? i : null;
            var fields = updates[i].Fields;
            if (fields.TryGetProperty("vouchers", out var vouchers) && vouchers.ValueKind == JsonValueKind.Array && vouchers.GetArrayLength() > 0
                && (!fields.TryGetProperty("voucherExpireDate", out var expiry) || expiry.ValueKind is JsonValueKind.Null
                    || (expiry.ValueKind == JsonValueKind.String && expiry.GetString()!.Length == 0)))
            {
                errors.Add(new ErrorItem("required", "voucherExpireDate is required when vouchers are appended.", prefix + "voucherExpireDate") { Index = index });
                continue;
            }

            var merged = Merge(JsonSerializer.SerializeToNode(ProductReader.ToInput(current[updates[i].Id]), Json)!.AsObject(), fields, updates[i].MergeNested);
            using var document = JsonDocument.Parse(merged.ToJsonString());
            if (ProductJsonReader.ReadOne(document.RootElement, errors, prefix, index) is { } input) inputs.Add(input);
        }

        if (errors.Count > 0) return (null, StatusCodes.Status400BadRequest, "The update is invalid.", errors);

        var duplicates = VoucherDuplicates.Find(inputs, isBulk);
        duplicates.AddRange(await ExistingCodesAsync(updates, inputs, isBulk, cancellationToken));
        if (duplicates.Count > 0) return (null, StatusCodes.Status409Conflict, "Some voucher codes already exist or repeat.", duplicates);

        var (names, unresolved) = await resolver.ResolveAsync(communityId, inputs, isBulk, cancellationToken);
        if (unresolved.Count > 0) return (null, StatusCodes.Status400BadRequest, "Some names do not exist in this community.", unresolved);

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        for (var i = 0; i < updates.Count; i++)
        {
            var product = products[updates[i].Id];
            var kept = product.ProductPermission;
            var merged = ProductMapping.ToEntity(inputs[i], product.Id, communityId, names, product.CreatedAt);
            db.Entry(product).CurrentValues.SetValues(merged);
            // Entries not sent keep the ids they point at, rather than be resolved again from the names they show.
            if (!updates[i].Fields.TryGetProperty("productPermission", out _)) product.ProductPermission = kept;
            product.UpdatedAt = now;
        }

        List<ProductDto> updated;
        try
        {
            // Inside the caller's transaction when its idempotency key completes with the update.
            await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await VoucherCopy.WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(),
                updates.Select((u, i) => new VoucherCopy.Batch(u.Id, communityId, inputs[i].VoucherExpireDate ?? now, inputs[i].Vouchers))
                    .Where(b => b.Codes.Count > 0),
                cancellationToken);
            // Read inside the transaction, so that the reply can be recorded with the data it describes.
            var refreshed = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
            var dtos = (await reader.ToDtosAsync(refreshed, cancellationToken)).ToDictionary(d => d.Id!);
            updated = [.. updates.Select(u => dtos[u.Id])];
            if (commandId is { } id)
            {
                HandledCommands.Record(db, id, communityId, updated, now);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another request appended one of these codes between our check and our write: this same command
            // on another instance (answer as it did), or another request.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(commandId, cancellationToken) is { } sameCommand) return (sameCommand, StatusCodes.Status200OK, "", []);
            var raced = await ExistingCodesAsync(updates, inputs, isBulk, cancellationToken);
            return (null, StatusCodes.Status409Conflict, "Some voucher codes were added by another request meanwhile.",
                raced.Count > 0 ? raced : [new ErrorItem("duplicate_voucher", "A voucher code was added by another request meanwhile.", null)]);
        }
        catch (DbUpdateException exception) when (commandId is not null && HandledCommands.IsRepeat(exception))
        {
            // Another instance carried out the same (redelivered) command first: answer as it did.
            db.ChangeTracker.Clear();
            return (await ReplayAsync(commandId, cancellationToken) ?? throw new InvalidOperationException("The handled command vanished.", exception),
                StatusCodes.Status200OK, "", []);
        }

        return (updated, StatusCodes.Status200OK, "", []);
    }

    private async Task<List<ProductDto>?> ReplayAsync(Guid? commandId, CancellationToken cancellationToken) =>
        commandId is { } id ? await HandledCommands.FindReplyAsync<List<ProductDto>>(db, id, cancellationToken) : null;

    /// <summary>Codes being appended that their product already has, in one query for the whole request.</summary>
    private async Task<List<ErrorItem>> ExistingCodesAsync(IReadOnlyList<ProductUpdate> updates, List<ProductInput> inputs, bool isBulk, CancellationToken cancellationToken)
    {
        var codes = inputs.SelectMany(i => i.Vouchers).Distinct().ToList();
        if (codes.Count == 0) return [];
        var ids = updates.Select(u => u.Id).Distinct().ToList();
        var existing = (await db.Vouchers.AsNoTracking().Where(v => ids.Contains(v.ProductId) && codes.Contains(v.Code))
            .Select(v => new { v.ProductId, v.Code }).ToListAsync(cancellationToken)).Select(v => (v.ProductId, v.Code)).ToHashSet();

        var errors = new List<ErrorItem>();
        for (var i = 0; i < updates.Count; i++)
        {
            for (var v = 0; v < inputs[i].Vouchers.Count; v++)
            {
                if (existing.Contains((updates[i].Id, inputs[i].Vouchers[v])))
                {
                    errors.Add(new ErrorItem("duplicate_voucher", $"The product already has voucher code '{inputs[i].Vouchers[v]}'.",
                        (isBulk ? $"[{i}]." : "") + $"vouchers[{v}]") { Index = isBulk ? i : null });
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// The fields sent laid over the product as it is: everything replaces, and nested objects merge when
    /// <paramref name="mergeNested"/>; the product's id (<c>_id</c>, <c>productID</c>) is not a field.
    /// </summary>
    private static JsonObject Merge(JsonObject target, JsonElement fields, bool mergeNested)
    {
        foreach (var property in fields.EnumerateObject())
        {
            if (property.NameEquals("_id") || property.NameEquals(ProductUpdatesReader.ProductIdField)) continue;
            if (mergeNested && property.Value.ValueKind == JsonValueKind.Object && target[property.Name] is JsonObject nested)
            {
                Merge(nested, property.Value, mergeNested);
            }
            else
            {
                target[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return target;
    }
}
