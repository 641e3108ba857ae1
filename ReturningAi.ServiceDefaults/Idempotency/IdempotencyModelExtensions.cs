using Microsoft.EntityFrameworkCore;

namespace ReturningAi.ServiceDefaults.Idempotency;

public static class IdempotencyModelExtensions
{
    public const string TableName = "idempotency_records";

    /// <summary>Maps the idempotency table into a service's own database (each service keeps its own keys).</summary>
    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable(TableName);
            // The key is the invariant: one request per key and community, whatever races.
            record.HasKey(r => new { r.Scope, r.Key });
            record.Property(r => r.Scope).HasMaxLength(64);
            record.Property(r => r.Key).HasMaxLength(255);
            record.Property(r => r.RequestHash).HasMaxLength(32);
            record.HasIndex(r => r.StartedAt);
        });
        return modelBuilder;
    }
}
