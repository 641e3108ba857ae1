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
/// invalid row, an unknown user or an overdraw fails only its row. Every row's result is kept under a unique
/// <c>(jobID, row)</c> marker written with it: an applied row's is its ledger entry (<see cref="LedgerEntry.JobRow"/>), a
/// failed row's a <see cref="BulkRowMarker"/>; a row sent again answers what was recorded. A chunk is one transaction
/// (its wallets locked once, in id order) of a few statements whatever its size: the entries and markers go by binary
/// COPY (<see cref="LedgerCopy"/>, <see cref="BulkRowMarkerCopy"/>) and the wallets' balances by one update.
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
        var recorded = await RecordedAsync(command.JobId, rowNumbers, cancellationToken);

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
        var failed = new List<BulkRowMarker>();
        var entries = new List<LedgerEntry>(pending.Count);
        var changed = new HashSet<Wallet>();
        foreach (var (row, valid, errors) in pending)
        {
            var (result, entry, wallet) = valid is null ? (Failed(row, errors), null, null) : Apply(command, valid, named, locked, now);
            fresh[row] = result;
            if (entry is null)
            {
                failed.Add(Marker(command, result));
                continue;
            }

            entries.Add(entry);
            changed.Add(wallet!);
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (entries.Count > 0) await LedgerCopy.WriteAsync(connection, entries, cancellationToken);
        if (failed.Count > 0) await BulkRowMarkerCopy.WriteAsync(connection, failed, cancellationToken);
        await wallets.SaveBalancesAsync(changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new JobRowsApplied([.. rowNumbers.Select(r => recorded.TryGetValue(r, out var before) ? before : fresh[r])]);
    }

    /// <summary>
    /// The results of the chunk's rows that an earlier delivery recorded: the failed ones' markers and the applied ones' ledger
    /// entries, read by the chunk's row range (one index range each: nothing on a first delivery). Deliveries of one job's
    /// rows wait for each other first (a lock on the job's id until the transaction ends): the two tables share no key, so
    /// a row failed by one delivery and judged again by another racing it (a balance or a user changed meanwhile) would
    /// write both; waiting, the second delivery reads what the first recorded.
    /// </summary>
    private async Task<Dictionary<int, JobRowResult>> RecordedAsync(string jobId, int[] rows, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"bulk-rows:" + jobId}, 0))", cancellationToken);
        var recorded = new Dictionary<int, JobRowResult>();
        if (rows.Length == 0) return recorded;

        var (first, last) = (rows.Min(), rows.Max());
        var sent = rows.ToHashSet();
        var markers = await db.BulkRowMarkers.AsNoTracking().Where(m => m.JobId == jobId && m.Row >= first && m.Row <= last).ToListAsync(cancellationToken);
        foreach (var marker in markers.Where(m => sent.Contains(m.Row))) recorded[marker.Row] = BulkRowMarkers.ToResult(marker);
        var applied = await db.LedgerEntries.AsNoTracking().Where(e => e.JobId == jobId && e.JobRow >= first && e.JobRow <= last)
            .Select(e => new { Row = e.JobRow!.Value, e.UserId, e.Id, e.Balance }).ToListAsync(cancellationToken);
        foreach (var entry in applied.Where(e => sent.Contains(e.Row)))
        {
            recorded[entry.Row] = new JobRowResult(entry.Row, RowStatuses.Applied, [], entry.UserId.Trim(), entry.Id.Trim(), entry.Balance);
        }

        return recorded;
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
            ApiKeyId: command.ApiKeyId, JobRow: row.Row), now);
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
        Errors = BulkRowMarkers.ErrorsJson(result.Errors),
    };

    private static ErrorItem Error(string code, string message, int row, string column) => new(code, message, column) { Row = row, Column = column };
}
