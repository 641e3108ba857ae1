using System.Text;
using ReturningAi.Contracts.Http;
using ReturningAi.Jobs.Jobs;

namespace ReturningAi.Jobs.Tests;

/// <summary>The errors file: the uploaded header and an error column, the failed rows as uploaded, in order.</summary>
public sealed class ErrorsCsvTests
{
    [Fact]
    public void Failed_rows_come_back_verbatim_in_file_order_with_their_errors_and_an_old_error_column_replaced()
    {
        var file = Encoding.UTF8.GetBytes("\uFEFFemail,error,note\r\n"
            + "a@example.com,old problem,plain\r\n"
            + "b@example.com,,\"two\nlines, and \"\"quotes\"\"\"\r\n"
            + "\r\n"
            + "c@example.com,, edge \r\n");
        // b's quoted cell spans lines 3 and 4, line 5 is blank: c starts on line 6.
        var failed = new Dictionary<int, string> { [6] = "email: no", [3] = "note: too long; email: taken" };

        var written = Encoding.UTF8.GetString(ErrorsCsv.Write(file, failed));

        Assert.Equal("email,note,error\r\n"
            + "b@example.com,\"two\nlines, and \"\"quotes\"\"\",note: too long; email: taken\r\n"
            + "c@example.com,\" edge \",email: no\r\n", written);
    }

    [Fact]
    public void A_job_without_failures_has_the_header_alone()
    {
        var written = Encoding.UTF8.GetString(ErrorsCsv.Write(Encoding.UTF8.GetBytes("email,username,\na@example.com,a,\n"), new Dictionary<int, string>()));

        Assert.Equal("email,username,error\r\n", written);
    }

    [Fact]
    public void A_rows_errors_read_column_then_message_joined_by_semicolons()
    {
        var message = ErrorsCsv.Message([new ErrorItem("invalid_email", "'x' is not an email address.", "email") { Column = "email" },
            new ErrorItem("unexpected_cell", "Line 4 has more cells than the header.", null) { Row = 4 }]);

        Assert.Equal("email: 'x' is not an email address.; Line 4 has more cells than the header.", message);
    }
}
