using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Community.Model;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.Community.Infrastructure.EntityConfigurations;

internal sealed class IncomingWebhookSettingsEntityTypeConfiguration : IEntityTypeConfiguration<IncomingWebhookSettings>
{
    public void Configure(EntityTypeBuilder<IncomingWebhookSettings> builder)
    {
        builder.ToTable("incoming_webhook_settings");
        builder.HasKey(s => s.CommunityId);
        builder.Property(s => s.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(s => s.KeyId).HasMaxLength(24).IsFixedLength();
        builder.Property(s => s.PreviousKeyId).HasMaxLength(24).IsFixedLength();
        builder.Property(s => s.KeyHash).HasMaxLength(32);
        builder.Property(s => s.PreviousKeyHash).HasMaxLength(32);
        builder.Property(s => s.EncryptionMode).HasMaxLength(8);
        builder.Property(s => s.ProtectedEncryptionKey).HasMaxLength(StoredSecrets.MaxProtectedLength);
        // The gateway finds an incoming key by the hash of the presented token, as it finds API keys.
        builder.HasIndex(s => s.KeyHash).IsUnique();
        builder.HasIndex(s => s.PreviousKeyHash).IsUnique();
        builder.HasOne<Model.Community>().WithMany().HasForeignKey(s => s.CommunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
