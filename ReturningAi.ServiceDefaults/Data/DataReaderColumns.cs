using System.Data.Common;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// A row's nullable columns read by name, as the statement names them (<c>SELECT … AS name</c>), so that reordering or
/// adding a column in the SQL cannot shift what a reader takes from it, as positions would. Columns that are never null are
/// read with the BCL's <see cref="System.Data.DataReaderExtensions.GetFieldValue{T}(DbDataReader, string)"/>.
/// </summary>
public static class DataReaderColumns
{
    /// <summary>The column's value of a reference type, or null.</summary>
    public static T? NullableColumn<T>(this DbDataReader reader, string name) where T : class
    {
        var ordinal = reader.GetOrdinal(name);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    /// <summary>The column's value of a value type, or null.</summary>
    public static T? NullableValue<T>(this DbDataReader reader, string name) where T : struct
    {
        var ordinal = reader.GetOrdinal(name);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }
}
