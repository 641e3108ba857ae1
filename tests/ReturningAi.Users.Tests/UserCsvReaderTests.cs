using ReturningAi.Contracts.Http;
using ReturningAi.Users.Csv;

namespace ReturningAi.Users.Tests;

/// <summary>The users CSV of bulk jobs (events-and-jobs.md section 3): its header and one row at a time.</summary>
public sealed class UserCsvReaderTests
{
    [Fact]
    public void A_header_names_fixed_columns_in_any_case_field_columns_operations_and_ignores_error()
    {
        var errors = new List<ErrorItem>();
        var header = UserCsvHeader.Read(["\uFEFFEmail", " USERNAME ", "Roles", "tags", "points", "points_op", "Tier", "error", ""], errors);

        Assert.Empty(errors);
        Assert.Equal([UserCsvColumnKind.Email, UserCsvColumnKind.Username, UserCsvColumnKind.Roles, UserCsvColumnKind.Tags, UserCsvColumnKind.Field,
            UserCsvColumnKind.Operation, UserCsvColumnKind.Field, UserCsvColumnKind.Ignored], header.Columns.Take(8).Select(c => c!.Kind));
        Assert.Null(header.Columns[8]);
        Assert.Equal(["points", "Tier"], header.FieldColumns);
        Assert.Equal(["points"], header.OperationColumns);
    }

    [Fact]
    public void A_header_without_email_with_a_repeated_column_or_an_operation_without_its_field_reports_each_on_row_1()
    {
        var errors = new List<ErrorItem>();
        UserCsvHeader.Read(["username", "Username", "points_op", ""], errors);

        Assert.Equal([("duplicate_column", "Username"), ("unknown_column", "points_op"), ("missing_column", "email")],
            errors.Select(e => (e.Code, e.Column!)));
        Assert.All(errors, e => Assert.Equal(1, e.Row));
    }

    [Fact]
    public void A_row_reads_trimmed_cells_lists_and_operations_and_leaves_empty_cells_out()
    {
        var header = Header("email", "username", "roles", "tags", "points", "points_op", "tier");
        var errors = new List<ErrorItem>();

        var row = UserCsvRowReader.Read(header, 7, [" ada@example.com ", "", " VIP , Beta,, ", "", "5", "ADD", " "], errors);

        Assert.Empty(errors);
        Assert.NotNull(row);
        Assert.Equal((7, "ada@example.com", (string?)null), (row.Row, row.Email, row.Username));
        Assert.Equal(["VIP", "Beta"], row.Roles!);
        Assert.Null(row.Tags);
        var cell = Assert.Single(row.Fields);
        Assert.Equal(new UserCsvFieldCell("points", "points", "5", UserCsvOperations.Add), cell);
    }

    [Fact]
    public void A_field_without_an_operation_column_overwrites()
    {
        var row = UserCsvRowReader.Read(Header("email", "points"), 2, ["a@example.com", "3"], []);

        Assert.Equal(UserCsvOperations.Overwrite, Assert.Single(row!.Fields).Operation);
    }

    [Theory]
    [InlineData("", "invalid_email", "email")]
    [InlineData("not-an-email", "invalid_email", "email")]
    [InlineData("two@@example.com", "invalid_email", "email")]
    public void A_row_without_a_valid_email_is_refused_with_its_row_and_column(string email, string code, string column)
    {
        var errors = new List<ErrorItem>();

        Assert.Null(UserCsvRowReader.Read(Header("email", "username"), 4, [email, "someone"], errors));

        var error = Assert.Single(errors);
        Assert.Equal((code, column, column, 4), (error.Code, error.Field, error.Column, error.Row));
    }

    [Fact]
    public void An_unknown_operation_a_control_character_and_a_cell_past_the_header_are_all_reported()
    {
        var errors = new List<ErrorItem>();

        Assert.Null(UserCsvRowReader.Read(Header("email", "username", "points", "points_op"), 9, ["a@example.com", "bad\u0001name", "1", "multiply", "extra"], errors));

        Assert.Equal(["invalid_character", "invalid_operation", "unexpected_cell"], errors.Select(e => e.Code));
        Assert.All(errors, e => Assert.Equal(9, e.Row));
    }

    private static UserCsvHeader Header(params string[] names)
    {
        var errors = new List<ErrorItem>();
        var header = UserCsvHeader.Read(names, errors);
        Assert.Empty(errors);
        return header;
    }
}
