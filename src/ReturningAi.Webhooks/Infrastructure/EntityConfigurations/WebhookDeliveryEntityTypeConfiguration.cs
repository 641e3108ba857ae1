using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Infrastructure.EntityConfigurations;

internal sealed class WebhookDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).HasMaxLength(24);
        delivery.Property(d => d.CommunityId).HasMaxLength(24);
        delivery.Property(d => d.EndpointId).HasMaxLength(24);
        delivery.Property(d => d.EventId).HasMaxLength(24);
        delivery.Property(d => d.EventType).HasMaxLength(64);
        delivery.Property(d => d.State).HasMaxLength(16);
        delivery.Property(d => d.LastErrorCode).HasMaxLength(32);
        delivery.Property(d => d.LastErrorMessage).HasMaxLength(500);
        // Deleting an endpoint drops its deliveries; an event stays while any delivery of it does.
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        // One delivery per event and endpoint: a fan-out repeated by a redelivered message adds nothing.
        delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
        // The workers' claim walks the due pending deliveries only.
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("state = 'pending'").HasDatabaseName("ix_webhook_deliveries_due");
        delivery.HasIndex(d => d.CreatedAt);
    }
}
