using System.Data;
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
using NpgsqlTypes;

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
public sealed class CurrencyRowImport(StoreDbContext db, WalletBook wallets, TimeProvider time, ILogger<CurrencyRowImport> logger)
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

        var payees = await wallets.LockPayeesAsync(command.CommunityId,
            pending.Where(p => p.Valid is not null).Select(p => UserCopyLookup.Normalize(p.Valid!.Email)), cancellationToken);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var fresh = new Dictionary<int, JobRowResult>(pending.Count);
        var failed = new List<BulkRowMarker>();
        var entries = new List<LedgerEntry>(pending.Count);
        var changed = new HashSet<Wallet>();
        foreach (var (row, valid, errors) in pending)
        {
            var (result, entry, wallet) = valid is null ? (Failed(row, errors), null, null) : Apply(command, valid, payees, now);
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
    /// entries, read by the chunk's row range (one index range each: nothing on a first delivery), in one round trip. Deliveries
    /// of one job's rows wait for each other first (a lock on the job's id until the transaction ends; each statement of the
    /// batch reads after the one before it ended): the two tables share no key, so a row failed by one delivery and judged again
    /// by another racing it (a balance or a user changed meanwhile) would write both; waiting, the second delivery reads what the
    /// first recorded.
    /// </summary>
    private async Task<Dictionary<int, JobRowResult>> RecordedAsync(string jobId, int[] rows, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<int, JobRowResult>();
        var transaction = db.Database.RequireNpgsqlTransaction("A chunk's rows are read inside its transaction.");
        var (first, last) = rows.Length == 0 ? (0, -1) : (rows.Min(), rows.Max());
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))") { Parameters = { new() { Value = "bulk-rows:" + jobId } } },
                InRange(RecordedMarkers),
                InRange(RecordedEntries),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var sent = rows.ToHashSet();
        await NextResultAsync();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = reader.GetFieldValue<int>("row");
            if (!sent.Contains(row)) continue;
            recorded[row] = BulkRowMarkers.ToResult(row, reader.GetFieldValue<string>("status"), reader.GetFieldValue<string>("errors"),
                reader.NullableColumn<string>("user_id"), reader.NullableColumn<string>("transaction_id"), reader.NullableValue<decimal>("balance"),
                reader.NullableColumn<string>("product_id"));
        }

        await NextResultAsync();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = reader.GetFieldValue<int>("job_row");
            if (!sent.Contains(row)) continue;
            recorded[row] = new JobRowResult(row, RowStatuses.Applied, [], reader.GetFieldValue<string>("user_id").Trim(),
                reader.GetFieldValue<string>("id").Trim(), reader.GetFieldValue<decimal>("balance"));
        }

        return recorded;

        // A result missing would read as rows never recorded, and they would be applied again.
        async Task NextResultAsync()
        {
            if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("A chunk's recorded rows were not read.");
        }

        NpgsqlBatchCommand InRange(string sql) => new(sql)
        {
            Parameters = { new() { Value = jobId, NpgsqlDbType = NpgsqlDbType.Char }, new() { Value = first }, new() { Value = last } },
        };
    }

    private const string RecordedMarkers = """
        SELECT row, status, errors, user_id, transaction_id, balance, product_id FROM bulk_row_markers
        WHERE job_id = $1 AND row BETWEEN $2 AND $3
        """;

    private const string RecordedEntries = "SELECT job_row, user_id, id, balance FROM ledger_entries WHERE job_id = $1 AND job_row BETWEEN $2 AND $3";

    /// <summary>The row's result, and the entry it writes to the wallet it changes (none when it failed).</summary>
    private (JobRowResult Result, LedgerEntry? Entry, Wallet? Wallet) Apply(ApplyCurrencyRows command, CurrencyCsvRow row, Dictionary<string, Wallet> payees,
        DateTimeOffset now)
    {
        if (!payees.TryGetValue(UserCopyLookup.Normalize(row.Email), out var wallet))
        {
            return (Failed(row.Row, [Error("user_not_found", $"No user of this community has the email '{row.Email}'.", row.Row, CurrencyCsvHeader.Email)]), null, null);
        }

        var entry = wallets.Change(wallet, new LedgerDraft(row.Operation, row.Amount, row.Reason, row.Reference, LedgerSources.Bulk, JobId: command.JobId,
            ApiKeyId: command.ApiKeyId, JobRow: row.Row), now);
        if (entry is null)
        {
            return (Failed(row.Row, [Error("insufficient_balance", $"The balance ({wallet.Balance}) is lower than the amount; nothing was written.",
                row.Row, CurrencyCsvHeader.Amount)], wallet.UserId), null, null);
        }

        return (new JobRowResult(row.Row, RowStatuses.Applied, [], wallet.UserId, entry.Id, entry.Balance), entry, wallet);
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
