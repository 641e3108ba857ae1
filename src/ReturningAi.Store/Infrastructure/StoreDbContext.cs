using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.Messaging;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure;

public sealed class StoreDbContext(DbContextOptions<StoreDbContext> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<RedemptionStatus> RedemptionStatuses => Set<RedemptionStatus>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Voucher> Vouchers => Set<Voucher>();
    public DbSet<ReferenceName> ReferenceNames => Set<ReferenceName>();
    public DbSet<HandledCommand> HandledCommands => Set<HandledCommand>();
    public DbSet<StoreConfiguration> StoreConfigurations => Set<StoreConfiguration>();
    public DbSet<UserCopy> UserCopies => Set<UserCopy>();
    public DbSet<Wallet> Wallets => Set<Wallet>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<RedemptionOrder> RedemptionOrders => Set<RedemptionOrder>();
    public DbSet<OrderHistoryEntry> OrderHistory => Set<OrderHistoryEntry>();
    public DbSet<BulkRowMarker> BulkRowMarkers => Set<BulkRowMarker>();

    /// <summary>
    /// A product's <c>totalOrders</c>, counted in SQL (function <c>product_total_orders</c>) so that lists sort by it:
    /// a counter on the product row would make every purchase of a product wait for the one before.
    /// </summary>
    public static int ProductTotalOrders(string productId) => throw new NotSupportedException($"Only in queries ({productId}).");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StoreDbContext).Assembly).AddIdempotencyRecords().AddOutbox().AddInbox();
        modelBuilder.HasDbFunction(typeof(StoreDbContext).GetMethod(nameof(ProductTotalOrders))!).HasName("product_total_orders");
    }
}
