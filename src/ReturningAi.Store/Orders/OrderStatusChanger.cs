using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Events;
using ReturningAi.Messaging;
using ReturningAi.Rewards.Orders;
using ReturningAi.Rewards.Requests;
using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Statuses;
using ReturningAi.Store.Wallets;

namespace ReturningAi.Store.Orders;

/// <summary>
/// Moves an order to a status (rewards.md §5). Changes to one order are serialized by its row lock. The
/// current status again answers 200 and writes nothing (so a retried refund succeeds); a refunded order is
/// final. Otherwise, in one transaction: the status, a history entry, the event and, for a status that
/// refunds points, the credit of what was paid, the voucher back to its product and <c>refundedAt</c>.
/// </summary>
public sealed class OrderStatusChanger(StoreDbContext db, DefaultStatuses defaults, WalletBook wallets, TimeProvider time)
{
    public async Task<OrderChangeOutcome> ChangeAsync(string communityId, string orderReference, StatusChangeRequest change, string? apiKeyId,
        string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await defaults.GetAsync(communityId, cancellationToken);
        // The order first: another community's order is 404 whatever status the body names.
        var orderId = await OrderReader.Named(db.RedemptionOrders, communityId, orderReference).Select(o => o.Id).SingleOrDefaultAsync(cancellationToken);
        if (orderId is null) return OrderChangeOutcome.OrderNotFound;
        if (await ResolveAsync(communityId, change, cancellationToken) is not { } target)
        {
            var (field, value) = change.StatusName is { } name ? ("statusName", name) : ("statusID", change.StatusId!);
            return OrderChangeOutcome.Refused(StatusCodes.Status400BadRequest, "unknown_redemption_status", $"No redemption status '{value}' in this community.", field);
        }

        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var order = (await db.RedemptionOrders.FromSqlInterpolated($"SELECT * FROM redemption_orders WHERE id = {orderId}::bpchar FOR UPDATE")
            .ToListAsync(cancellationToken)).Single();
        var current = await db.RedemptionStatuses.AsNoTracking().SingleAsync(s => s.Id == order.StatusId, cancellationToken);

        switch (StatusChanges.Decide(order.StatusId, order.RefundedAt is not null, target.Id, target.RefundsPoints))
        {
            case StatusChangeKind.Unchanged:
                return OrderChangeOutcome.Done(OrderReader.ToDto(order, current));
            case StatusChangeKind.Refused:
                return OrderChangeOutcome.OrderRefunded;
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var refunds = target.RefundsPoints;
        order.StatusId = target.Id;
        order.UpdatedAt = now;
        if (refunds) await RefundAsync(order, apiKeyId, now, cancellationToken);

        db.OrderHistory.Add(new OrderHistoryEntry
        {
            Id = ObjectIds.New(time), OrderId = order.Id, CommunityId = communityId, FromStatusId = current.Id, FromStatusName = current.Name,
            ToStatusId = target.Id, ToStatusName = target.Name, Note = change.Note, Refunded = refunds, ApiKeyId = apiKeyId, CreatedAt = now,
        });
        db.AddEvent(new OrderStatusChanged
        {
            EventId = ObjectIds.New(time), CommunityId = communityId, RequestId = requestId, OrderId = order.Id, OrderNumber = order.OrderNumber,
            ProductId = order.ProductId, UserId = order.UserId, PreviousStatus = current.Name, Status = target.Name, Note = change.Note,
            Refunded = refunds, RefundAmount = refunds ? order.PricePaid : 0, ChangedAt = now, ApiKeyId = apiKeyId,
        }, RewardEventSources.Order(order.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OrderChangeOutcome.Done(OrderReader.ToDto(order, target));
    }

    /// <summary>The points back (none at price 0), the voucher back to its product if it still exists, the order marked refunded.</summary>
    private async Task RefundAsync(RedemptionOrder order, string? apiKeyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        order.RefundedAt = now;
        await db.Vouchers.Where(v => v.OrderId == order.Id).ExecuteUpdateAsync(v => v.SetProperty(x => x.OrderId, (string?)null), cancellationToken);
        if (order.PricePaid == 0) return;
        var wallet = await wallets.LockAsync(order.CommunityId, order.UserId, cancellationToken);
        wallets.Record(wallet, new LedgerDraft(LedgerOperations.Credit, order.PricePaid, $"Refund of {order.ProductName}", order.OrderNumber,
            LedgerSources.Refund, order.Id, ApiKeyId: apiKeyId), now);
    }

    private Task<RedemptionStatus?> ResolveAsync(string communityId, StatusChangeRequest change, CancellationToken cancellationToken)
    {
        var statuses = db.RedemptionStatuses.AsNoTracking().Where(s => s.CommunityId == communityId);
        if (change.StatusName is { } name)
        {
            var key = NameKey.Normalize(name);
            return statuses.SingleOrDefaultAsync(s => s.NormalizedName == key, cancellationToken);
        }

        return ObjectIds.IsValid(change.StatusId) ? statuses.SingleOrDefaultAsync(s => s.Id == change.StatusId, cancellationToken) : Task.FromResult<RedemptionStatus?>(null);
    }
}
