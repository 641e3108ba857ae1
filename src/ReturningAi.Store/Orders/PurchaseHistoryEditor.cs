using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Events;
using ReturningAi.Messaging;
using ReturningAi.Rewards.Requests;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Orders;

/// <summary>
/// Edits an order's purchase history (rewards.md §6): its snapshot's redemption instructions (never the
/// product's), or its voucher itself and the order's copy of it. A code stays unique among the product's
/// vouchers, sold or not (the key decides: 409 <c>duplicate_voucher</c>, nothing changed). A voucher edit
/// that changes something emits <c>voucher:update</c>.
/// </summary>
public sealed class PurchaseHistoryEditor(StoreDbContext db, OrderReader reader, TimeProvider time)
{
    public async Task<OrderChangeOutcome> EditAsync(string communityId, string purchaseHistoryId, PurchaseHistoryEdit edit, string? requestId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var orderId = await OrderReader.Named(db.RedemptionOrders, communityId, purchaseHistoryId).Select(o => o.Id).SingleOrDefaultAsync(cancellationToken);
        if (orderId is null) return OrderChangeOutcome.Refused(StatusCodes.Status404NotFound, "not_found", "The purchase history was not found.");
        var order = (await db.RedemptionOrders.FromSqlInterpolated($"SELECT * FROM redemption_orders WHERE id = {orderId}::bpchar FOR UPDATE")
            .ToListAsync(cancellationToken)).Single();
        if (order.RefundedAt is not null) return OrderChangeOutcome.OrderRefunded;

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        if (edit.RedemptionInstructions is { } instructions) order.RedemptionInstructions = instructions;
        if (edit.ChangesVoucher)
        {
            var voucher = await db.Vouchers.AsNoTracking().Where(v => v.OrderId == order.Id).Select(v => new { v.Id, v.ProductId, v.Code, v.ExpireDate })
                .SingleOrDefaultAsync(cancellationToken);
            if (voucher is null)
            {
                return OrderChangeOutcome.Refused(StatusCodes.Status404NotFound, "voucher_not_found", "The order's voucher is gone with its product.", "voucherCode");
            }

            var (code, expiry) = (edit.VoucherCode!, edit.VoucherExpiryDate!.Value);
            if (voucher.Code != code || voucher.ExpireDate != expiry)
            {
                if (!await TryRewriteAsync(order.Id, code, expiry, cancellationToken))
                {
                    return OrderChangeOutcome.Refused(StatusCodes.Status409Conflict, "duplicate_voucher",
                        $"The product already has a voucher '{code}'.", "voucherCode");
                }

                db.AddEvent(new VoucherUpdated
                {
                    EventId = ObjectIds.New(time), CommunityId = communityId, RequestId = requestId, VoucherId = VoucherIds.Format(voucher.Id),
                    ProductId = voucher.ProductId, OrderId = order.Id, Code = code, ExpiryDate = expiry,
                }, RewardEventSources.Order(order.Id));
            }

            order.VoucherCode = code;
            order.VoucherExpiryDate = expiry;
        }

        order.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OrderChangeOutcome.Done(await reader.ToDtoAsync(order, cancellationToken));
    }

    /// <summary>The order's voucher's new code and expiry (found by its order, which is unique and indexed); false when the product has that code already (its key refuses it, inside a savepoint).</summary>
    private async Task<bool> TryRewriteAsync(string orderId, string code, DateTimeOffset expiry, CancellationToken cancellationToken)
    {
        await using var savepoint = await NestedTransaction.BeginAsync(db, cancellationToken);
        try
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE vouchers SET code = {code}, expire_date = {expiry} WHERE order_id = {orderId}::bpchar", cancellationToken);
        }
        catch (Npgsql.PostgresException exception) when (PostgresErrors.IsUniqueViolation(exception))
        {
            return false;
        }

        await savepoint.CommitAsync(cancellationToken);
        return true;
    }
}
