using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Products;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.AccessRules;

namespace ReturningAi.Store.Products;

/// <summary>
/// Turns stored products into read objects: category and status names, the current names of the items
/// their permission entries target, and unassigned voucher and order counts come in five queries for a
/// whole page, never one per product.
/// </summary>
public sealed class ProductReader(StoreDbContext db)
{
    internal async Task<List<ProductDto>> ToDtosAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken)
    {
        if (products.Count == 0) return [];
        var ids = products.Select(p => p.Id).ToList();
        var categoryIds = products.Select(p => p.CategoryId).Distinct().ToList();
        var statusIds = products.Where(p => p.PurchaseStatusOverrideId is not null).Select(p => p.PurchaseStatusOverrideId!).Distinct().ToList();

        var categories = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var statuses = statusIds.Count == 0
            ? []
            : await db.RedemptionStatuses.AsNoTracking().Where(s => statusIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var stocks = await db.Vouchers.AsNoTracking().Where(v => ids.Contains(v.ProductId) && v.OrderId == null)
            .GroupBy(v => v.ProductId).Select(g => new { ProductId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ProductId, g => g.Count, cancellationToken);
        // Counted, not kept on the product: a counter there would make every purchase of a product wait for the last.
        var orders = await db.RedemptionOrders.AsNoTracking().Where(o => ids.Contains(o.ProductId))
            .GroupBy(o => o.ProductId).Select(g => new { ProductId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ProductId, g => g.Count, cancellationToken);

        var permissions = products.ToDictionary(p => p.Id, p => PermissionEntries.Parse(p.ProductPermission));
        var current = await PermissionEntries.CurrentNamesAsync(db, products[0].CommunityId, permissions.Values.SelectMany(e => e).Select(e => e.Permission), cancellationToken);

        return [.. products.Select(p => ProductMapping.ToDto(p, categories[p.CategoryId],
            p.PurchaseStatusOverrideId is { } s ? statuses[s] : null, stocks.GetValueOrDefault(p.Id), orders.GetValueOrDefault(p.Id),
            PermissionEntries.ToRead(permissions[p.Id], current)))];
    }

    /// <summary>A stored product as the create object it would be now, without vouchers: the base a partial update edits.</summary>
    internal static ProductInput ToInput(ProductDto dto) => new(
        dto.Name, dto.Description, dto.Image, dto.Price, dto.Category, dto.DiscountPrice, dto.IsDiscountEnabled,
        dto.DiscountStartDate, dto.DiscountEndDate, dto.UserInformation, dto.ShouldPrioritiesExpiringVouchers,
        dto.ShouldDisplayRemainingQuantity, dto.ExpiringVoucherHighlight, dto.IsArchived, dto.RedemptionInstructions,
        dto.ProductPermission, dto.IsProductAccessEnabled, dto.PurchaseStatusOverride.Status, [], null);
}
