using System.Data;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.ServiceDefaults.Tests;

/// <summary>Nullable columns read by the names a statement gives them, whatever their order, nulls as null.</summary>
public sealed class DataReaderColumnsTests
{
    [Fact]
    public void Columns_are_read_by_name_in_any_order_and_nulls_read_as_null()
    {
        using var table = new DataTable();
        table.Columns.Add("attempts", typeof(int));
        table.Columns.Add("url", typeof(string));
        table.Columns.Add("last_status_code", typeof(int));
        table.Columns.Add("last_error_code", typeof(string));
        table.Rows.Add(3, "https://example.com/hook", DBNull.Value, DBNull.Value);
        table.Rows.Add(0, "https://example.com/other", 503, "http_status");
        using var reader = table.CreateDataReader();

        Assert.True(reader.Read());
        Assert.Equal("https://example.com/hook", reader.GetFieldValue<string>("url"));
        Assert.Equal(3, reader.GetFieldValue<int>("attempts"));
        Assert.Null(reader.NullableValue<int>("last_status_code"));
        Assert.Null(reader.NullableColumn<string>("last_error_code"));

        Assert.True(reader.Read());
        Assert.Equal(503, reader.NullableValue<int>("last_status_code"));
        Assert.Equal("http_status", reader.NullableColumn<string>("last_error_code"));
        // A name the statement does not select fails loudly (each provider with its own exception) instead of reading another column.
        Assert.ThrowsAny<Exception>(() => reader.NullableValue<int>("no_such_column"));
    }
}
