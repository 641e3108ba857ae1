using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Infrastructure.EntityConfigurations;

internal sealed class WebhookEventEntityTypeConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> webhookEvent)
    {
        webhookEvent.ToTable("webhook_events");
        // The key is the invariant: one event per event id, however often the bus brings it.
        webhookEvent.HasKey(e => e.Id);
        webhookEvent.Property(e => e.Id).HasMaxLength(24);
        webhookEvent.Property(e => e.CommunityId).HasMaxLength(24);
        webhookEvent.Property(e => e.Type).HasMaxLength(64);
        webhookEvent.Property(e => e.Data).HasColumnType("jsonb");
        webhookEvent.HasIndex(e => e.RecordedAt);
    }
}
