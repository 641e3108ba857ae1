using ReturningAi.Contracts.Http;
using ReturningAi.Rewards.Csv;

namespace ReturningAi.Rewards.Tests;

/// <summary>The currency CSV's header and rows (events-and-jobs.md section 3) by the wallet's rules.</summary>
public sealed class CurrencyCsvTests
{
    private static CurrencyCsvHeader Header(params string[] names)
    {
        var errors = new List<ErrorItem>();
        var header = CurrencyCsvHeader.Read(names, errors);
        Assert.Empty(errors);
        return header;
    }

    [Fact]
    public void A_header_needs_its_four_columns_once_each_and_knows_no_other_but_error()
    {
        var errors = new List<ErrorItem>();
        CurrencyCsvHeader.Read(["\uFEFFEmail", "amount", "note", "amount", "error", ""], errors);

        Assert.Equal(["unknown_column note", "duplicate_column amount", "missing_column operation", "missing_column reason"],
            errors.Select(e => $"{e.Code} {e.Column}"));
        Assert.All(errors, e => Assert.Equal(1, e.Row));
    }

    [Theory]
    [InlineData("add", "credit")]
    [InlineData("Subtract", "debit")]
    [InlineData("OVERWRITE", "set")]
    [InlineData("credit", "credit")]
    public void Operations_are_the_files_words_in_any_case_recorded_as_the_ledgers(string word, string recorded)
    {
        var row = CurrencyCsvRowReader.Read(Header("email", "amount", "operation", "reason"), 2, ["a@x.io", " 12.50 ", word, "Why"], []);

        Assert.Equal(("a@x.io", recorded, 12.5m, "Why", (string?)null), (row!.Email, row.Operation, row.Amount, row.Reason, row.Reference));
    }

    [Theory]
    [InlineData("", "10", "add", "Why", "user_not_found email")]
    [InlineData("a@x.io", "", "add", "Why", "invalid_amount amount")]
    [InlineData("a@x.io", "1e3", "add", "Why", "invalid_amount amount")]
    [InlineData("a@x.io", "0", "add", "Why", "invalid_amount amount")]
    [InlineData("a@x.io", "-5", "subtract", "Why", "invalid_amount amount")]
    [InlineData("a@x.io", "1.234", "add", "Why", "invalid_amount amount")]
    [InlineData("a@x.io", "1000000000.01", "add", "Why", "invalid_amount amount")]
    [InlineData("a@x.io", "10", "", "Why", "invalid_operation operation")]
    [InlineData("a@x.io", "10", "multiply", "Why", "invalid_operation operation")]
    [InlineData("a@x.io", "10", "add", "  ", "missing_reason reason")]
    public void A_bad_cell_is_its_rows_error_with_the_row_and_column(string email, string amount, string operation, string reason, string expected)
    {
        var errors = new List<ErrorItem>();
        var row = CurrencyCsvRowReader.Read(Header("email", "amount", "operation", "reason"), 7, [email, amount, operation, reason], errors);

        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((expected, 7), ($"{error.Code} {error.Column}", error.Row));
    }

    [Fact]
    public void Overwrite_may_be_zero_and_every_problem_of_a_row_comes_together()
    {
        var header = Header("reason", "operation", "amount", "email", "reference");
        Assert.Equal(0m, CurrencyCsvRowReader.Read(header, 2, ["Closed", "overwrite", "0", "a@x.io", ""], [])!.Amount);

        var errors = new List<ErrorItem>();
        CurrencyCsvRowReader.Read(header, 3, ["", "add", "x", "", new string('r', 256), "extra"], errors);
        Assert.Equal(["unexpected_cell", "user_not_found", "invalid_amount", "missing_reason", "invalid_reference"], errors.Select(e => e.Code));
    }
}
