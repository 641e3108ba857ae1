using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Rewards;
using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Wallets;

/// <summary>
/// Wallets and their ledger (rewards.md §2–3): a balance changes only with an immutable entry, in one
/// transaction, under the wallet's row lock, so concurrent purchases, refunds and transactions of one user
/// are serialized and a balance never goes below 0 (the database's check refuses it too).
/// </summary>
public sealed class WalletBook(StoreDbContext db, TimeProvider time)
{
    /// <summary>
    /// The user's wallet, locked until the caller's transaction ends; made (empty) if it has none. Call it
    /// inside a transaction, and before taking other rows, so that every writer of a wallet locks in one order.
    /// (Ids are character(24) columns: a text parameter compared with one would be cast and miss the key, hence ::bpchar.)
    /// </summary>
    public async Task<Wallet> LockAsync(string communityId, string userId, CancellationToken cancellationToken) =>
        await FindLockedAsync(userId, cancellationToken) ?? await MakeAndLockAsync(communityId, userId, cancellationToken);

    /// <summary>The user's wallet, locked as <see cref="LockAsync"/> locks it; null when they have none yet (then nothing is written).</summary>
    public async Task<Wallet?> FindLockedAsync(string userId, CancellationToken cancellationToken) =>
        (await db.Wallets.FromSqlInterpolated($"SELECT * FROM wallets WHERE user_id = {userId}::bpchar FOR UPDATE").ToListAsync(cancellationToken))
        .SingleOrDefault();

    /// <summary>The user's wallet, made (empty) if they have none, locked: after <see cref="FindLockedAsync"/> found none.</summary>
    public async Task<Wallet> MakeAndLockAsync(string communityId, string userId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO wallets (user_id, community_id, balance, updated_at) VALUES ({userId}, {communityId}, 0, NULL) ON CONFLICT DO NOTHING",
            cancellationToken);
        return await FindLockedAsync(userId, cancellationToken) ?? throw new InvalidOperationException($"The wallet of {userId} was not made.");
    }

    /// <summary>
    /// The wallets of many users, made if missing, locked in the order of their ids (as <see cref="LockAsync"/> locks one):
    /// a bulk chunk's writes take all its wallets at once instead of a round trip each. Not tracked: the caller writes
    /// their new balances with <see cref="SaveBalancesAsync"/>.
    /// </summary>
    public async Task<Dictionary<string, Wallet>> LockAllAsync(string communityId, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        string[] ids = [.. userIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO wallets (user_id, community_id, balance, updated_at) SELECT u, {communityId}, 0, NULL FROM unnest({ids}) AS u ON CONFLICT DO NOTHING",
            cancellationToken);
        var locked = await db.Wallets.FromSqlInterpolated($"SELECT * FROM wallets WHERE user_id = ANY({ids}::bpchar[]) ORDER BY user_id FOR UPDATE")
            .AsNoTracking().ToListAsync(cancellationToken);
        return locked.ToDictionary(w => w.UserId.Trim(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Records one operation on a locked wallet (added to the context; the caller saves): the entry and the new
    /// balance, or null when it would overdraw, and then nothing changes.
    /// </summary>
    public LedgerEntry? Record(Wallet wallet, LedgerDraft draft, DateTimeOffset now)
    {
        var entry = Change(wallet, draft, now);
        if (entry is not null) db.LedgerEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// <see cref="Record"/> without the context, for a writer that stores many entries at once (<see cref="LedgerCopy"/>) and
    /// their wallets' balances with <see cref="SaveBalancesAsync"/>: the entry, and the wallet's new balance, or null when it would overdraw.
    /// </summary>
    public LedgerEntry? Change(Wallet wallet, LedgerDraft draft, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(draft);
        var change = WalletRules.Apply(wallet.Balance, draft.Operation, draft.Amount);
        if (change.Delta is not { } delta) return null;

        var entry = new LedgerEntry
        {
            Id = ObjectIds.New(time),
            CommunityId = wallet.CommunityId,
            UserId = wallet.UserId,
            Operation = draft.Operation,
            Amount = draft.Amount,
            Delta = delta,
            Balance = change.Balance,
            Reason = draft.Reason,
            Reference = draft.Reference,
            Source = draft.Source,
            OrderId = draft.OrderId,
            JobId = draft.JobId,
            JobRow = draft.JobRow,
            ApiKeyId = draft.ApiKeyId,
            CreatedAt = now,
        };
        wallet.Balance = change.Balance;
        wallet.UpdatedAt = now;
        return entry;
    }

    /// <summary>The balances of wallets locked untracked (<see cref="LockAllAsync"/>) and changed by <see cref="Change"/>, in one statement.</summary>
    public async Task SaveBalancesAsync(IReadOnlyCollection<Wallet> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (changed.Count == 0) return;
        string[] ids = [.. changed.Select(w => w.UserId)];
        decimal[] balances = [.. changed.Select(w => w.Balance)];
        DateTimeOffset?[] updated = [.. changed.Select(w => w.UpdatedAt)];
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE wallets w SET balance = c.balance, updated_at = c.updated_at
            FROM unnest({ids}::bpchar[], {balances}, {updated}) AS c(user_id, balance, updated_at)
            WHERE w.user_id = c.user_id
            """, cancellationToken);
    }

    /// <summary>The wallet as partners read it; balance 0 and updatedAt null before its first entry.</summary>
    public async Task<WalletDto> ReadAsync(UserCopy user, string currencyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var wallet = await db.Wallets.AsNoTracking().SingleOrDefaultAsync(w => w.UserId == user.UserId && w.CommunityId == user.CommunityId, cancellationToken);
        return ToDto(user, wallet, currencyName);
    }

    public static WalletDto ToDto(UserCopy user, Wallet? wallet, string currencyName)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new WalletDto(user.UserId, user.Username, user.Email, wallet?.Balance ?? 0, currencyName, wallet?.UpdatedAt);
    }

    public static LedgerEntryDto ToDto(LedgerEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new LedgerEntryDto(e.Id, e.UserId, e.Operation, e.Amount, e.Delta, e.Balance, e.Reason, e.Reference, e.Source, e.OrderId, e.JobId, e.ApiKeyId, e.CreatedAt);
    }
}
