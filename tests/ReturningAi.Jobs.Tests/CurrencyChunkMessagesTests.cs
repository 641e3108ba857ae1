using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Csv;

namespace ReturningAi.Jobs.Tests;

/// <summary>
/// The compact messages of a currency chunk: its rows as CSV lines (<see cref="CsvRecords.ToLines"/>, <see cref="CsvRecords.FromLines"/>) and
/// the Store's reply (<see cref="CurrencyRowsApplied"/>), each back to what was encoded, and a message that does not fit refused.
/// </summary>
public sealed class CurrencyChunkMessagesTests
{
    private static readonly CsvRowCells[] Records =
    [
        new(2, ["ada@example.com", "10", "add", "Plain", ""]),
        new(3, [" edge spaces ", "1,5", "add", "Quote \" and, comma", "x"]),
        new(5, ["two@example.com", "3", "add", "first\r\nsecond", "", "extra cell"]),
        new(7, ["short"]),
        new(8, ["", "", "", "", "\"quoted\""]),
    ];

    [Fact]
    public void Records_written_as_lines_read_back_as_they_were_with_their_rows_and_each_line_one_record()
    {
        var lines = CsvRecords.ToLines(Records);
        var read = CsvRecords.FromLines(lines);

        Assert.Equal([2, 3, 5, 7, 8], lines.Rows);
        Assert.Equal("ada@example.com,10,add,Plain,", lines.Lines[0]);
        Assert.Equal("\" edge spaces \",\"1,5\",add,\"Quote \"\" and, comma\",x", lines.Lines[1]);
        Assert.Equal(Records.Select(r => r.Row), read.Select(r => r.Row));
        Assert.Equal(Records.Select(r => string.Join('|', r.Cells)), read.Select(r => string.Join('|', r.Cells)));
        Assert.Empty(CsvRecords.FromLines(CsvRecords.ToLines([])));
    }

    [Fact]
    public void Lines_that_hold_more_or_fewer_records_than_rows_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => CsvRecords.FromLines(new CsvRowLines([2, 3], ["a,b"])));
        Assert.Throws<InvalidDataException>(() => CsvRecords.FromLines(new CsvRowLines([2], ["a,b", "c,d"])));
        // One line carrying two records (a raw line break) no longer matches its rows.
        Assert.Throws<InvalidDataException>(() => CsvRecords.FromLines(new CsvRowLines([2, 3], ["a\nb", "c"])));
    }

    [Fact]
    public void A_reply_lists_failed_rows_whole_and_applied_ones_by_their_users_once_entries_and_balances()
    {
        JobRowResult[] results =
        [
            new(2, RowStatuses.Applied, [], "user-a", "entry-1", 10m),
            new(3, RowStatuses.Failed, [new ErrorItem("user_not_found", "No user.", "email") { Row = 3, Column = "email" }], null),
            new(5, RowStatuses.Applied, [], "user-b", "entry-2", 0.25m),
            new(6, RowStatuses.Failed, [new ErrorItem("insufficient_balance", "Too low.", "amount") { Row = 6, Column = "amount" }], "user-a"),
            new(7, RowStatuses.Applied, [], "user-a", "entry-3", 12.5m),
        ];

        var reply = CurrencyRowsApplied.From(results);
        var back = reply.ToResults([2, 3, 5, 6, 7]);

        Assert.Equal(["user-a", "user-b"], reply.UserIds);
        Assert.Equal([0, 1, 0], reply.Users);
        Assert.Equal([3, 6], reply.Failed.Select(r => r.Row));
        Assert.Equal(results.Select(Describe), back.Select(Describe));
    }

    [Fact]
    public void A_reply_that_does_not_fit_the_rows_sent_is_refused()
    {
        var reply = CurrencyRowsApplied.From([new(2, RowStatuses.Applied, [], "user-a", "entry-1", 1m), new(3, RowStatuses.Failed, [], null)]);

        Assert.Throws<InvalidDataException>(() => reply.ToResults([2]));             // fewer rows sent than answered
        Assert.Throws<InvalidDataException>(() => reply.ToResults([2, 3, 4]));       // a row without an answer
        Assert.Throws<InvalidDataException>(() => reply.ToResults([2, 4]));          // a failed row that was not sent
        Assert.Throws<InvalidDataException>(() => (reply with { Users = [5] }).ToResults([2, 3]));
        Assert.Throws<InvalidDataException>(() => (reply with { Failed = [.. reply.Failed, .. reply.Failed] }).ToResults([2, 3]));
    }

    private static string Describe(JobRowResult r) =>
        $"{r.Row} {r.Status} {r.UserId} {r.TransactionId} {r.Balance} {string.Join(",", r.Errors.Select(e => $"{e.Code}:{e.Row}:{e.Column}"))}";
}
