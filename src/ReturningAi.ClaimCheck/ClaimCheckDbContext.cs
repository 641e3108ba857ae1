using Microsoft.EntityFrameworkCore;

namespace ReturningAi.ClaimCheck;

/// <summary>
/// The database the producer and the consumer of a large message both reach (<c>messagedatadb</c>): one table of
/// payloads. Used for its migrations; the payloads themselves are written and read with plain Npgsql
/// (<see cref="PostgresMessageDataRepository"/>), which streams a payload in instead of copying it into an entity.
/// </summary>
public sealed class ClaimCheckDbContext(DbContextOptions<ClaimCheckDbContext> options) : DbContext(options)
{
    public DbSet<MessageDataRow> Payloads => Set<MessageDataRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var row = modelBuilder.Entity<MessageDataRow>();
        row.ToTable("message_data");
        row.HasKey(r => r.Id);
        row.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        row.Property(r => r.Data).HasColumnName("data");
        row.Property(r => r.ExpiresAt).HasColumnName("expires_at");
        // The sweep's range scan.
        row.HasIndex(r => r.ExpiresAt).HasDatabaseName("ix_message_data_expires_at");
    }
}
