using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ReturningAi.Contracts.Rewards;
using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Users;

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
    /// The wallets of the users a bulk chunk names by email, by normalized email (<see cref="UserCopyLookup.Normalize"/>), made if
    /// missing and locked in the order of their user ids (as <see cref="LockAsync"/> locks one), in one round trip of two
    /// statements read without entities. The users are live users of the community; of copies holding one email, the newest
    /// (as <see cref="UserCopyLookup.FindAsync"/> finds one). Unknown emails are missing. Not tracked: the caller writes the new
    /// balances with <see cref="SaveBalancesAsync"/>. Call it inside a transaction.
    /// </summary>
    public async Task<Dictionary<string, Wallet>> LockPayeesAsync(string communityId, IEnumerable<string> normalizedEmails, CancellationToken cancellationToken)
    {
        string[] emails = [.. normalizedEmails.Distinct(StringComparer.Ordinal)];
        if (emails.Length == 0) return new Dictionary<string, Wallet>(StringComparer.Ordinal);

        var transaction = db.Database.RequireNpgsqlTransaction("Wallets are locked inside a transaction.");
        for (var attempt = 1; ; attempt++)
        {
            var payees = await MakeAndLockPayeesAsync(transaction, communityId, emails, cancellationToken);
            // Each statement reads its own snapshot: a newer copy of a user committed between the two picks a user whose wallet
            // the insert did not make, and the lock's join leaves the email out. Run both again then (the insert makes it now)
            // rather than answer a known user's row user_not_found, which its marker would keep.
            if (payees.Count == emails.Length || attempt == 3 || !await AnyPayeeWithoutWalletAsync(transaction, communityId, emails, cancellationToken))
            {
                return payees;
            }
        }
    }

    private static async Task<Dictionary<string, Wallet>> MakeAndLockPayeesAsync(NpgsqlTransaction transaction, string communityId, string[] emails,
        CancellationToken cancellationToken)
    {
        var payees = new Dictionary<string, Wallet>(emails.Length, StringComparer.Ordinal);
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands = { PayeesCommand(MakePayeeWallets, communityId, emails), PayeesCommand(LockPayeeWallets, communityId, emails) },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        // Past the insert's result, which has no columns, should the reader stop at it, to the locked wallets.
        while (reader.FieldCount == 0)
        {
            if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("The payees' wallets were not read.");
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            payees[reader.GetFieldValue<string>("normalized_email")] = new Wallet
            {
                UserId = reader.GetFieldValue<string>("user_id").Trim(),
                CommunityId = reader.GetFieldValue<string>("community_id").Trim(),
                Balance = reader.GetFieldValue<decimal>("balance"),
                UpdatedAt = reader.NullableValue<DateTimeOffset>("updated_at"),
            };
        }

        return payees;
    }

    private static async Task<bool> AnyPayeeWithoutWalletAsync(NpgsqlTransaction transaction, string communityId, string[] emails,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PayeeWithoutWallet, transaction.Connection, transaction);
        command.Parameters.AddRange(PayeesParameters(communityId, emails));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static NpgsqlBatchCommand PayeesCommand(string sql, string communityId, string[] emails)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(PayeesParameters(communityId, emails));
        return command;
    }

    /// <summary>$1 the community, $2 the normalized emails, as every statement built on <see cref="Payees"/> reads them.</summary>
    private static NpgsqlParameter[] PayeesParameters(string communityId, string[] emails) =>
    [
        new() { Value = communityId, NpgsqlDbType = NpgsqlDbType.Char },
        new() { Value = emails, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar },
    ];

    /// <summary>
    /// The users of community $1 with the normalized emails $2: live, and of copies holding one email the newest, ties broken
    /// by id so that every statement picks the same.
    /// </summary>
    private const string Payees = $"""
        SELECT DISTINCT ON (normalized_email) normalized_email, user_id FROM user_copies
        WHERE community_id = $1 AND status <> '{UserCopyLookup.Deleted}' AND normalized_email = ANY($2)
        ORDER BY normalized_email, updated_at DESC, user_id DESC
        """;

    private const string MakePayeeWallets = $"""
        INSERT INTO wallets (user_id, community_id, balance, updated_at)
        SELECT p.user_id, $1, 0, NULL FROM ({Payees}) AS p ORDER BY p.user_id
        ON CONFLICT DO NOTHING
        """;

    private const string LockPayeeWallets = $"""
        SELECT p.normalized_email, w.user_id, w.community_id, w.balance, w.updated_at
        FROM ({Payees}) AS p JOIN wallets w ON w.user_id = p.user_id
        ORDER BY w.user_id FOR UPDATE OF w
        """;

    private const string PayeeWithoutWallet = $"SELECT 1 FROM ({Payees}) AS p WHERE NOT EXISTS (SELECT 1 FROM wallets w WHERE w.user_id = p.user_id) LIMIT 1";

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

    /// <summary>The balances of wallets locked untracked (<see cref="LockPayeesAsync"/>) and changed by <see cref="Change"/>, in one statement.</summary>
    public async Task SaveBalancesAsync(IReadOnlyCollection<Wallet> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (changed.Count == 0) return;
        // The keys beside the join let PostgreSQL read only these wallets (by their key, or one pass with a hashed filter):
        // joined to the list alone, it hashed every wallet of every community for each chunk of a bulk job.
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE wallets w SET balance = c.balance, updated_at = c.updated_at
            FROM unnest(@ids, @balances, @updated) AS c(user_id, balance, updated_at)
            WHERE w.user_id = ANY(@ids) AND w.user_id = c.user_id
            """,
            [
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Char) { Value = changed.Select(w => w.UserId).ToArray() },
                new NpgsqlParameter("balances", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = changed.Select(w => w.Balance).ToArray() },
                new NpgsqlParameter("updated", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = changed.Select(w => w.UpdatedAt).ToArray() },
            ], cancellationToken);
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
