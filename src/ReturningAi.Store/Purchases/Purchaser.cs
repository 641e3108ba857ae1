using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Products;
using ReturningAi.Contracts.Rewards;
using ReturningAi.Messaging;
using ReturningAi.Rewards.Access;
using ReturningAi.Rewards.Orders;
using ReturningAi.Rewards.Pricing;
using ReturningAi.Rewards.Purchases;
using ReturningAi.Rewards.Requests;
using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Orders;
using ReturningAi.Store.Statuses;
using ReturningAi.Store.Stores;
using ReturningAi.Store.Users;
using ReturningAi.Store.Wallets;

namespace ReturningAi.Store.Purchases;

/// <summary>
/// One purchase (rewards.md §4): the rules in the contract's order, the first refusal answering, then one
/// transaction that takes a voucher, debits the wallet, writes the order and its first history entry and
/// records the event. Row locks only where needed: the buyer's wallet (which serializes a user's purchases,
/// so limits and balances hold under concurrency) and one voucher, taken with SKIP LOCKED so that buyers of
/// one product never wait for each other. The balance is checked before a voucher is taken, so a buyer who
/// cannot pay never holds one.
/// </summary>
public sealed class Purchaser(
    StoreDbContext db, UserCopyLookup users, WalletBook wallets, DefaultStatuses defaults, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PurchaseOutcome> PurchaseAsync(string communityId, string? apiKeyId, string? requestId, PurchaseRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = await users.FindAsync(communityId, request.User, cancellationToken);
        if (user is null) return PurchaseRefusals.UserNotFound;
        if (user.Status == UserCopyLookup.Banned) return PurchaseRefusals.UserBanned;

        // The product with what the rules read beside it (its category's name, the store's terms, the community's default
        // status) in one query rather than four.
        var read = ObjectIds.IsValid(request.ProductId)
            ? await db.Products.AsNoTracking().Where(p => p.Id == request.ProductId && p.CommunityId == communityId)
                .Select(p => new ProductWithTerms(
                    p,
                    db.Categories.Where(c => c.Id == p.CategoryId).Select(c => c.Name).FirstOrDefault(),
                    db.StoreConfigurations.Where(c => c.CommunityId == communityId).Select(c => (bool?)c.IsEnabled).FirstOrDefault(),
                    db.StoreConfigurations.Where(c => c.CommunityId == communityId).Select(c => c.Currency).FirstOrDefault(),
                    db.RedemptionStatuses.FirstOrDefault(s => s.CommunityId == communityId && s.IsDefault)))
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        if (read is null) return PurchaseRefusals.ProductNotFound;
        var product = read.Product;

        var terms = StoreTerms.From(read.StoreEnabled, read.StoreCurrency);
        if (!terms.IsOpen) return PurchaseRefusals.StoreClosed;
        if (product.IsArchived) return PurchaseRefusals.ProductArchived;

        var access = ProductAccess.Decide(product.IsProductAccessEnabled, AccessEntries.Parse(product.ProductPermission),
            new Buyer(user.UserId, user.RoleIds, user.TagIds));
        if (!access.MayBuy) return access.Outcome == AccessOutcome.ViewOnly ? PurchaseRefusals.ViewOnly : PurchaseRefusals.NotEligible;

        var collects = JsonSerializer.Deserialize<UserInformation>(product.UserInformation, Json)!;
        if (InformationRules.FirstMissing(collects, request.UserInformation) is { } missing) return missing;

        // The override is rare; read beside the product, its lookup by a column of the product would be planned as a window over every status.
        var status = product.PurchaseStatusOverrideId is { } overrideId
            ? await db.RedemptionStatuses.AsNoTracking().SingleAsync(s => s.Id == overrideId, cancellationToken)
            : read.DefaultStatus ?? await defaults.GetAsync(communityId, cancellationToken);
        var category = read.Category ?? throw new InvalidOperationException($"Product {product.Id} has no category {product.CategoryId}.");

        // Inside the request's transaction (its idempotency key's), a savepoint is needed only to undo a wallet made
        // for a purchase that is then refused: nothing else is written before the last statement.
        await using var owned = db.Database.CurrentTransaction is null ? await NestedTransaction.BeginAsync(db, cancellationToken) : null;
        var wallet = await wallets.FindLockedAsync(user.UserId, cancellationToken);
        await using var madeWallet = wallet is null && owned is null ? await NestedTransaction.BeginAsync(db, cancellationToken) : null;
        wallet ??= await wallets.MakeAndLockAsync(communityId, user.UserId, cancellationToken);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

        var orderTimes = await RecentOrdersAsync(user.UserId, product.Id, access.Grants, now, cancellationToken);
        var pricing = new ProductPricing(product.Price, product.DiscountPrice, product.IsDiscountEnabled, product.DiscountStartDate, product.DiscountEndDate);
        var (quote, refusal) = PurchaseTerms.Decide(access, pricing, orderTimes, request.ExpectedPrice, now);
        if (refusal is not null) return refusal;

        // Out of stock is refused before the balance; a buyer who can pay learns it from the voucher they could not take.
        if (wallet.Balance < quote!.Price) return await HasSellableVoucherAsync(product.Id, now, cancellationToken) ? PurchaseRefusals.InsufficientBalance : PurchaseRefusals.OutOfStock;
        if (await TakeVoucherAsync(product, communityId, now, cancellationToken) is not { } taken) return PurchaseRefusals.OutOfStock;
        var (voucher, orderNumber) = taken;

        var order = new RedemptionOrder
        {
            Id = ObjectIds.New(time),
            CommunityId = communityId,
            OrderNumber = orderNumber,
            UserId = user.UserId,
            Username = user.Username,
            Email = user.Email,
            ProductId = product.Id,
            ProductName = product.Name,
            ProductImage = product.Image,
            ProductCategory = category,
            RedemptionInstructions = product.RedemptionInstructions,
            VoucherCode = voucher.Code,
            VoucherExpiryDate = voucher.ExpireDate,
            PricePaid = quote.Price,
            PriceSource = quote.Source,
            CurrencyName = terms.CurrencyName,
            StatusId = status.Id,
            UserInformation = OrderReader.InformationJson(Kept(collects, request.UserInformation)),
            ApiKeyId = apiKeyId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        voucher.OrderId = order.Id;
        db.RedemptionOrders.Add(order);
        db.OrderHistory.Add(new OrderHistoryEntry
        {
            Id = ObjectIds.New(time), OrderId = order.Id, CommunityId = communityId, ToStatusId = status.Id, ToStatusName = status.Name,
            ApiKeyId = apiKeyId, CreatedAt = now,
        });
        var debit = quote.Price > 0
            ? wallets.Record(wallet, new LedgerDraft(LedgerOperations.Debit, quote.Price, $"Purchase of {product.Name}", order.OrderNumber,
                LedgerSources.Purchase, order.Id, ApiKeyId: apiKeyId), now)
            : null;
        var dto = OrderReader.ToDto(order, status);
        // Per order: its purchase, status changes and voucher edits reach webhooks in the order they happened.
        db.AddEvent(Purchased(dto, product.Id, apiKeyId, requestId), RewardEventSources.Order(order.Id));

        // A failed save fails the request and its whole transaction: EF's savepoint around it (two round trips) would undo nothing worth keeping.
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync(cancellationToken);
        if (madeWallet is not null) await madeWallet.CommitAsync(cancellationToken);
        if (owned is not null) await owned.CommitAsync(cancellationToken);
        return new PurchaseOutcome(new PurchaseDto(dto, debit is null ? null : WalletBook.ToDto(debit), WalletBook.ToDto(user, wallet, terms.CurrencyName)), null);
    }

    /// <summary>The creation times that decide the grants' limits (see <see cref="PurchaseLimits.OrdersToRead"/>); none without a limit.</summary>
    private async Task<IReadOnlyCollection<DateTimeOffset>> RecentOrdersAsync(string userId, string productId, IReadOnlyList<AccessEntry> grants,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (PurchaseLimits.OrdersToRead(grants, now) is not { } read) return [];
        return await db.RedemptionOrders.AsNoTracking()
            .Where(o => o.ProductId == productId && o.UserId == userId && o.RefundedAt == null && o.CreatedAt > read.Since)
            .OrderByDescending(o => o.CreatedAt).Take(read.Take).Select(o => o.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Whether the product has a voucher left to sell, whoever holds it now.</summary>
    // Ordered by expiry, so that the check walks the expiry index from now on (an EXISTS would read a product's sold vouchers first).
    private async Task<bool> HasSellableVoucherAsync(string productId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Vouchers.Where(v => v.ProductId == productId && v.OrderId == null && v.ExpireDate > now).OrderBy(v => v.ExpireDate)
            .Select(v => (long?)v.Id).FirstOrDefaultAsync(cancellationToken) is not null;

    /// <summary>
    /// The first sellable voucher in the product's order that no other purchase holds, locked, with a new order number
    /// (rewards.md §2): with priority the one expiring first (ties by code), else the first added. Each order walks its
    /// own partial index.
    /// </summary>
    /// <remarks>
    /// The number is drawn first and checked in the same statement (a number the community already has takes no voucher):
    /// 32 random bits a day, so at 10,000 orders a day two would share one about once in a hundred days; when no voucher
    /// comes back only because the number was taken, it is drawn again rather than failing the purchase.
    /// </remarks>
    private async Task<(Voucher Voucher, string OrderNumber)?> TakeVoucherAsync(Product product, string communityId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var number = OrderNumbers.New(now);
            var taken = product.ShouldPrioritiesExpiringVouchers
                ? await db.Vouchers.FromSqlInterpolated($"""
                    SELECT * FROM vouchers WHERE product_id = {product.Id}::bpchar AND order_id IS NULL AND expire_date > {now}
                        AND NOT EXISTS (SELECT FROM redemption_orders WHERE community_id = {communityId}::bpchar AND order_number = {number})
                    ORDER BY expire_date, code LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken)
                : await db.Vouchers.FromSqlInterpolated($"""
                    SELECT * FROM vouchers WHERE product_id = {product.Id}::bpchar AND order_id IS NULL AND expire_date > {now}
                        AND NOT EXISTS (SELECT FROM redemption_orders WHERE community_id = {communityId}::bpchar AND order_number = {number})
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken);
            if (taken.SingleOrDefault() is { } voucher) return (voucher, number);
            if (!await db.RedemptionOrders.AnyAsync(o => o.CommunityId == communityId && o.OrderNumber == number, cancellationToken)) return null;
        }
    }

    private static CollectedInformationDto? Kept(UserInformation collects, CollectedInformation sent) =>
        InformationRules.Kept(collects, sent) is { } kept ? new CollectedInformationDto(kept.Name, kept.Phone, kept.Address) : null;

    private sealed record ProductWithTerms(Product Product, string? Category, bool? StoreEnabled, string? StoreCurrency, RedemptionStatus? DefaultStatus);

    private ItemPurchased Purchased(OrderDto order, string productId, string? apiKeyId, string? requestId) => new()
    {
        EventId = ObjectIds.New(time),
        CommunityId = order.CommunityId,
        RequestId = requestId,
        OrderId = order.Id,
        OrderNumber = order.OrderNumber,
        Product = new EventProductDto(productId, order.Product.Name, order.Product.Category),
        User = new EventUserDto(order.UserId, order.Email, order.Username),
        PricePaid = order.PricePaid,
        PriceSource = order.PriceSource,
        CurrencyName = order.CurrencyName,
        Voucher = new EventVoucherDto(order.VoucherCode, order.VoucherExpiryDate),
        Status = order.Status.Name,
        UserInformation = order.UserInformation,
        PurchasedAt = order.CreatedAt,
        ApiKeyId = apiKeyId,
    };
}
