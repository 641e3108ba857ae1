using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class LedgerEntryEntityTypeConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries", table => table.HasCheckConstraint("ck_ledger_entries_balance_not_negative", "balance >= 0"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(e => e.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(e => e.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(e => e.OrderId).HasMaxLength(24).IsFixedLength();
        builder.Property(e => e.JobId).HasMaxLength(24).IsFixedLength();
        builder.Property(e => e.ApiKeyId).HasMaxLength(24).IsFixedLength();
        builder.Property(e => e.Operation).HasMaxLength(8);
        builder.Property(e => e.Source).HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(500);
        builder.Property(e => e.Reference).HasMaxLength(255);
        builder.Property(e => e.Amount).HasPrecision(20, 2);
        builder.Property(e => e.Delta).HasPrecision(20, 2);
        builder.Property(e => e.Balance).HasPrecision(20, 2);
        builder.HasOne<Wallet>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        // A wallet's ledger, newest first.
        builder.HasIndex(e => new { e.UserId, e.CreatedAt, e.Id }).IsDescending(false, true, true);
        // One debit per purchase, one credit per refund: a second refund of an order cannot be written.
        builder.HasIndex(e => new { e.OrderId, e.Source }).IsUnique().HasFilter("order_id IS NOT NULL");
        // A currency job's row applies once: its entry is its marker (a failed row's is a bulk_row_markers row).
        builder.HasIndex(e => new { e.JobId, e.JobRow }).IsUnique().HasFilter("job_row IS NOT NULL");
    }
}
