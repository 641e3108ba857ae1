using ReturningAi.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Infrastructure.EntityConfigurations;

internal sealed class WebhookEndpointEntityTypeConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        endpoint.HasKey(e => e.Id);
        endpoint.Property(e => e.Id).HasMaxLength(24);
        endpoint.Property(e => e.CommunityId).HasMaxLength(24);
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.Description).HasMaxLength(500);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(16);
        endpoint.Property(e => e.EncryptionMode).HasMaxLength(8);
        endpoint.Property(e => e.ProtectedEncryptionKey).HasMaxLength(StoredSecrets.MaxProtectedLength);
        endpoint.Property(e => e.ProtectedSecret).HasMaxLength(StoredSecrets.MaxProtectedLength);
        endpoint.Property(e => e.ProtectedPreviousSecret).HasMaxLength(StoredSecrets.MaxProtectedLength);
        // The lists newest first, and the fan-out of an event to its community's endpoints.
        endpoint.HasIndex(e => new { e.CommunityId, e.CreatedAt });
    }
}
