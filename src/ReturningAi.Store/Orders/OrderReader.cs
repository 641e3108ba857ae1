using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Rewards;
using ReturningAi.Rewards.Orders;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Orders;

/// <summary>Finds orders by <c>_id</c> or <c>orderNumber</c> and turns them into read objects, statuses in one query a page.</summary>
public sealed class OrderReader(StoreDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The orders of <paramref name="communityId"/> that <paramref name="reference"/> names: an id or an order number (any case).</summary>
    public static IQueryable<RedemptionOrder> Named(IQueryable<RedemptionOrder> orders, string communityId, string reference)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (ObjectIds.IsValid(reference)) return orders.Where(o => o.Id == reference && o.CommunityId == communityId);
        if (OrderNumbers.IsOrderNumber(reference))
        {
            var number = OrderNumbers.Normalize(reference);
            return orders.Where(o => o.OrderNumber == number && o.CommunityId == communityId);
        }

        return orders.Where(o => false);
    }

    public Task<RedemptionOrder?> FindAsync(string communityId, string reference, CancellationToken cancellationToken) =>
        Named(db.RedemptionOrders.AsNoTracking(), communityId, reference).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<OrderDto>> ToDtosAsync(IReadOnlyList<RedemptionOrder> orders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0) return [];
        var statusIds = orders.Select(o => o.StatusId).Distinct().ToList();
        var statuses = await db.RedemptionStatuses.AsNoTracking().Where(s => statusIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return [.. orders.Select(o => ToDto(o, statuses[o.StatusId]))];
    }

    public async Task<OrderDto> ToDtoAsync(RedemptionOrder order, CancellationToken cancellationToken) => (await ToDtosAsync([order], cancellationToken))[0];

    public static OrderDto ToDto(RedemptionOrder o, RedemptionStatus status)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new OrderDto(o.Id, o.OrderNumber, o.CommunityId, o.UserId, o.Username, o.Email,
            new OrderProductDto(o.ProductId, o.ProductName, o.ProductImage, o.ProductCategory, o.RedemptionInstructions),
            o.VoucherCode, o.VoucherExpiryDate, o.PricePaid, o.PriceSource, o.CurrencyName, ToDto(status),
            o.UserInformation is null ? null : JsonSerializer.Deserialize<CollectedInformationDto>(o.UserInformation, Json),
            o.RefundedAt, o.CreatedAt, o.UpdatedAt);
    }

    public static OrderStatusDto ToDto(RedemptionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new OrderStatusDto(status.Id, status.Name, status.Category, status.Color);
    }

    public static string? InformationJson(CollectedInformationDto? information) =>
        information is null ? null : JsonSerializer.Serialize(information, Json);

    public static OrderHistoryEntryDto ToDto(OrderHistoryEntry h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new OrderHistoryEntryDto(h.Id, h.OrderId, h.FromStatusId is { } from ? new StatusRefDto(from, h.FromStatusName!) : null,
            new StatusRefDto(h.ToStatusId, h.ToStatusName), h.Note, h.Refunded, h.ApiKeyId, h.CreatedAt);
    }
}
