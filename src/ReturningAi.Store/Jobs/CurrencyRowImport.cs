using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Csv;
using ReturningAi.Rewards.Csv;
using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Users;
using ReturningAi.Store.Wallets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ReturningAi.Store.Jobs;

/// <summary>
/// The rows of a currency job (events-and-jobs.md section 3): each valid row one ledger entry (<c>source: bulk</c>, the
/// job's id) through the wallet's own path (<see cref="WalletBook"/>), in file order; rows are independent, so an
/// invalid row, an unknown user or an overdraw fails only its row. Every row's result is a <see cref="BulkRowMarker"/>
/// keyed <c>(jobID, row)</c>, written with its entry; a row sent again answers its marker. A chunk is one transaction
/// (its wallets locked once, in id order) of a few statements whatever its size: the markers and entries go by binary
/// COPY (<see cref="BulkRowMarkerCopy"/>, <see cref="LedgerCopy"/>) and the wallets' balances by one update.
/// </summary>
public sealed class CurrencyRowImport(StoreDbContext db, UserCopyLookup users, WalletBook wallets, TimeProvider time, ILogger<CurrencyRowImport> logger)
{
    public async Task<JobRowsApplied> ApplyChunkAsync(ApplyCurrencyRows command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var headerErrors = new List<ErrorItem>();
        var header = CurrencyCsvHeader.Read(command.Header, headerErrors);
        if (headerErrors.Count > 0) return new JobRowsApplied([.. command.Rows.Rows.Select(r => new JobRowResult(r, RowStatuses.Failed, headerErrors, null))]);

        var rows = CsvRecords.FromLines(command.Rows);
        return await BulkRowMarkers.ApplyOnceAsync(db, logger, command.JobId, () => ApplyOnceAsync(command, rows, header, cancellationToken));
    }

    private async Task<JobRowsApplied> ApplyOnceAsync(ApplyCurrencyRows command, IReadOnlyList<CsvRowCells> rows, CurrencyCsvHeader header,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int[] rowNumbers = [.. command.Rows.Rows];
        var recorded = await db.BulkRowMarkers.AsNoTracking().Where(m => m.JobId == command.JobId && rowNumbers.Contains(m.Row))
            .ToDictionaryAsync(m => m.Row, cancellationToken);

        var pending = new List<(int Row, CurrencyCsvRow? Valid, List<ErrorItem> Errors)>();
        foreach (var cells in rows.Where(r => !recorded.ContainsKey(r.Row)))
        {
            var errors = new List<ErrorItem>();
            pending.Add((cells.Row, CurrencyCsvRowReader.Read(header, cells.Row, cells.Cells, errors), errors));
        }

        var named = await users.FindByEmailsAsync(command.CommunityId, pending.Where(p => p.Valid is not null).Select(p => p.Valid!.Email), cancellationToken);
        var locked = named.Count == 0 ? [] : await wallets.LockAllAsync(command.CommunityId, named.Values.Select(u => u.UserId), cancellationToken);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var fresh = new Dictionary<int, JobRowResult>(pending.Count);
        var markers = new List<BulkRowMarker>(pending.Count);
        var entries = new List<LedgerEntry>(pending.Count);
        var changed = new HashSet<Wallet>();
        foreach (var (row, valid, errors) in pending)
        {
            var (result, entry, wallet) = valid is null ? (Failed(row, errors), null, null) : Apply(command, valid, named, locked, now);
            markers.Add(Marker(command, result));
            fresh[row] = result;
            if (entry is null) continue;
            entries.Add(entry);
            changed.Add(wallet!);
        }

        // Markers first: a delivery racing this one fails on their key before its entries are written.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await BulkRowMarkerCopy.WriteAsync(connection, markers, cancellationToken);
        await LedgerCopy.WriteAsync(connection, entries, cancellationToken);
        await wallets.SaveBalancesAsync(changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new JobRowsApplied([.. rowNumbers.Select(r => recorded.TryGetValue(r, out var before) ? BulkRowMarkers.ToResult(before) : fresh[r])]);
    }

    /// <summary>The row's result, and the entry it writes to the wallet it changes (none when it failed).</summary>
    private (JobRowResult Result, LedgerEntry? Entry, Wallet? Wallet) Apply(ApplyCurrencyRows command, CurrencyCsvRow row, Dictionary<string, UserCopy> named,
        Dictionary<string, Wallet> locked, DateTimeOffset now)
    {
        if (!named.TryGetValue(UserCopyLookup.Normalize(row.Email), out var user))
        {
            return (Failed(row.Row, [Error("user_not_found", $"No user of this community has the email '{row.Email}'.", row.Row, CurrencyCsvHeader.Email)]), null, null);
        }

        var wallet = locked[user.UserId.Trim()];
        var entry = wallets.Change(wallet, new LedgerDraft(row.Operation, row.Amount, row.Reason, row.Reference, LedgerSources.Bulk, JobId: command.JobId,
            ApiKeyId: command.ApiKeyId), now);
        if (entry is null)
        {
            return (Failed(row.Row, [Error("insufficient_balance", $"The balance ({wallet.Balance}) is lower than the amount; nothing was written.",
                row.Row, CurrencyCsvHeader.Amount)], user.UserId.Trim()), null, null);
        }

        return (new JobRowResult(row.Row, RowStatuses.Applied, [], user.UserId.Trim(), entry.Id, entry.Balance), entry, wallet);
    }

    private static JobRowResult Failed(int row, List<ErrorItem> errors, string? userId = null) => new(row, RowStatuses.Failed, errors, userId);

    private static BulkRowMarker Marker(ApplyCurrencyRows command, JobRowResult result) => new()
    {
        JobId = command.JobId,
        Row = result.Row,
        CommunityId = command.CommunityId,
        Status = result.Status,
        UserId = result.UserId,
        TransactionId = result.TransactionId,
        Balance = result.Balance,
        Errors = BulkRowMarkers.ErrorsJson(result.Errors),
    };

    private static ErrorItem Error(string code, string message, int row, string column) => new(code, message, column) { Row = row, Column = column };
}
