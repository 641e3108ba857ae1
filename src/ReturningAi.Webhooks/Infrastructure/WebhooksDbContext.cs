using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Infrastructure;

public sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookEvent> Events => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();

    /// <summary>The Data Protection key ring that encrypts endpoint secrets (<see cref="ServiceDefaults.Data.StoredSecrets"/>), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WebhooksDbContext).Assembly).AddIdempotencyRecords();
}
