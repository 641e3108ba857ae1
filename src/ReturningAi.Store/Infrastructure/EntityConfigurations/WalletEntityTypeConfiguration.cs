using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class WalletEntityTypeConfiguration : IEntityTypeConfiguration<Wallet>
{
    public void Configure(EntityTypeBuilder<Wallet> builder)
    {
        builder.ToTable("wallets", table => table.HasCheckConstraint("ck_wallets_balance_not_negative", "balance >= 0"));
        builder.HasKey(w => w.UserId);
        // Every ledger entry rewrites its wallet's row, and a currency chunk rewrites all its payees' in one transaction: pages
        // half full keep the new versions on their page (HOT updates, no new key in pk_wallets) until pruning frees the old.
        builder.HasStorageParameter("fillfactor", 50);
        builder.Property(w => w.UserId).HasMaxLength(24).IsFixedLength();
        builder.Property(w => w.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(w => w.Balance).HasPrecision(20, 2);
    }
}
