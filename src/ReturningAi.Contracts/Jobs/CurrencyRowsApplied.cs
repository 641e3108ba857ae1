namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// The reply to a currency chunk (<see cref="ApplyCurrencyRows"/>), compact: the rows that did not apply in full (<see cref="Failed"/>,
/// with their errors), and for the applied ones, in the chunk's order, only what the job's details show of them: the user
/// (an index into <see cref="UserIds"/>, each user once), the ledger entry and the balance after it. A third or less of one
/// <see cref="JobRowResult"/> a row, and no object of it on the large object heap.
/// </summary>
public sealed record CurrencyRowsApplied(IReadOnlyList<JobRowResult> Failed, IReadOnlyList<string> UserIds, IReadOnlyList<int> Users,
    IReadOnlyList<string> TransactionIds, IReadOnlyList<decimal> Balances)
{
    /// <summary>The reply to the results of a chunk, in the chunk's order.</summary>
    public static CurrencyRowsApplied From(IReadOnlyList<JobRowResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var failed = new List<JobRowResult>();
        var userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var (users, transactions, balances) = (new List<int>(results.Count), new List<string>(results.Count), new List<decimal>(results.Count));
        foreach (var result in results)
        {
            if (result is not { Status: RowStatuses.Applied, UserId: { } user, TransactionId: { } transaction, Balance: { } balance })
            {
                failed.Add(result);
                continue;
            }

            if (!userIndex.TryGetValue(user, out var index)) userIndex.Add(user, index = userIndex.Count);
            users.Add(index);
            transactions.Add(transaction);
            balances.Add(balance);
        }

        return new(failed, [.. userIndex.Keys], users, transactions, balances);
    }

    /// <summary>
    /// One result a row sent, in the order of <paramref name="rows"/> (the chunk's); a reply that does not fit those rows
    /// (a failed row not sent, more or fewer applied rows than the rest) throws <see cref="InvalidDataException"/>.
    /// </summary>
    public IReadOnlyList<JobRowResult> ToResults(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var failed = new Dictionary<int, JobRowResult>(Failed.Count);
        foreach (var result in Failed)
        {
            if (!failed.TryAdd(result.Row, result)) throw new InvalidDataException($"The reply lists row {result.Row} twice.");
        }

        var applied = rows.Count - rows.Count(failed.ContainsKey);
        if (failed.Count != rows.Count - applied || Users.Count != applied || TransactionIds.Count != applied || Balances.Count != applied)
        {
            throw new InvalidDataException($"The reply does not fit the {rows.Count} rows sent: {Failed.Count} failed, {TransactionIds.Count} applied.");
        }

        var results = new List<JobRowResult>(rows.Count);
        var next = 0;
        foreach (var row in rows)
        {
            if (failed.TryGetValue(row, out var result))
            {
                results.Add(result);
                continue;
            }

            var user = Users[next];
            if (user < 0 || user >= UserIds.Count) throw new InvalidDataException($"The reply names user {user} of {UserIds.Count}.");
            results.Add(new JobRowResult(row, RowStatuses.Applied, [], UserIds[user], TransactionIds[next], Balances[next]));
            next++;
        }

        return results;
    }
}
