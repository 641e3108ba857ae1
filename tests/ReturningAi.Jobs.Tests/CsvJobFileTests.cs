using System.Text;
using ReturningAi.Jobs.Jobs;
using ReturningAi.Users.Csv;

namespace ReturningAi.Jobs.Tests;

/// <summary>The file-level checks of an upload (users headers here; currency headers in the Rewards tests), before any job exists.</summary>
public sealed class CsvJobFileTests
{
    [Fact]
    public void A_good_file_counts_its_rows_without_blank_lines()
    {
        var inspection = CsvJobFile.Inspect(Encoding.UTF8.GetBytes("email,username,points\na@x.io,a,1\n\nb@x.io,b,2\r\n"), 100_000, UserCsvHeader.Read);

        Assert.Empty(inspection.Errors);
        Assert.Equal(2, inspection.Rows);
        Assert.Equal(["points"], inspection.Columns!.FieldColumns);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("email,username\n", "empty")]
    [InlineData("username\nx\n", "missing_column")]
    [InlineData("email,email\na@x.io,b@x.io\n", "duplicate_column")]
    public void A_file_without_rows_or_with_a_bad_header_is_refused(string csv, string code)
    {
        var inspection = CsvJobFile.Inspect(Encoding.UTF8.GetBytes(csv), 100_000, UserCsvHeader.Read);

        Assert.Equal(code, Assert.Single(inspection.Errors).Code);
    }

    [Fact]
    public void One_row_over_the_limit_is_too_many_rows_naming_its_line()
    {
        var inspection = CsvJobFile.Inspect(Encoding.UTF8.GetBytes("email\na@x.io\nb@x.io\nc@x.io\n"), 2, UserCsvHeader.Read);

        var error = Assert.Single(inspection.Errors);
        Assert.Equal(("too_many_rows", 4), (error.Code, error.Row));
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_invalid_encoding_with_their_line()
    {
        byte[] file = [.. Encoding.UTF8.GetBytes("email\na@x.io\n"), 0xC3, 0x28, (byte)'\n'];
        var inspection = CsvJobFile.Inspect(file, 100_000, UserCsvHeader.Read);

        var error = Assert.Single(inspection.Errors);
        Assert.Equal(("invalid_encoding", 3), (error.Code, error.Row));
    }
}
