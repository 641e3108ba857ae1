using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Infrastructure;

public sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options) : DbContext(options)
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookEvent> Events => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WebhooksDbContext).Assembly).AddIdempotencyRecords();
}
