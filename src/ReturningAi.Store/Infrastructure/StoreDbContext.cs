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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StoreDbContext).Assembly).AddIdempotencyRecords().AddOutbox().AddInbox();
}
