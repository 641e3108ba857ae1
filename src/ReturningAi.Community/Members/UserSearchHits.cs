using System.Data;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Users.Fields;
using ReturningAi.Users.Search;

namespace ReturningAi.Community.Members;

/// <summary>
/// A search's page as the API shows it, in one statement: the page's users with their custom values and their role and tag
/// names beside them, and each user's sort value for the next cursor, read straight from the rows (no entities, no second
/// and third round trip for values and labels, none for the cursor).
/// </summary>
internal static class UserSearchHits
{
    /// <summary>
    /// Wraps <paramref name="page"/> (users' columns and <c>sort_value</c>, ordered and limited): the views' columns added,
    /// the page's order restated over its 200 rows so that the joins cannot change it.
    /// </summary>
    public static string Select(string page, string direction) =>
        "SELECT p.id, p.community_id, p.username, p.email, p.first_name, p.last_name, p.display_name, p.avatar, p.status, p.status_reason, "
        + "p.joined_at, p.last_login, p.created_at, p.updated_at, p.sort_value, cf.keys AS field_keys, cf.vals AS field_values, lb.roles, lb.tags "
        + $"FROM ({page}) p "
        + "LEFT JOIN LATERAL (SELECT array_agg(f.key ORDER BY f.created_at, f.id) AS keys, array_agg(v.value::text ORDER BY f.created_at, f.id) AS vals "
        + "FROM user_field_values v JOIN user_fields f ON f.id = v.field_id WHERE v.user_id = p.id) cf ON true "
        + $"LEFT JOIN LATERAL (SELECT array_agg(l.name) FILTER (WHERE l.kind = '{ReferenceDataChanged.Role}') AS roles, "
        + $"array_agg(l.name) FILTER (WHERE l.kind = '{ReferenceDataChanged.Tag}') AS tags "
        + "FROM user_labels m JOIN labels l ON l.id = m.label_id WHERE m.user_id = p.id) lb ON true "
        + $"ORDER BY p.sort_value {direction} NULLS LAST, p.id {direction}";

    /// <summary>The page's users, in order, and the last one's sort value (for the cursor; null when the page is empty).</summary>
    public static async Task<(List<UserDto> Users, JsonElement LastSortValue)> ReadAsync(NpgsqlTransaction transaction, string sql,
        NpgsqlParameter[] parameters, SearchColumn sortColumn, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<UserDto>(UserSearchRequest.PageSize);
        object? lastSortValue = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new UserDto(reader.GetFieldValue<string>("id"), reader.GetFieldValue<string>("community_id"), reader.GetFieldValue<string>("username"),
                reader.GetFieldValue<string>("email"), reader.NullableColumn<string>("first_name"), reader.NullableColumn<string>("last_name"),
                reader.GetFieldValue<string>("display_name"), reader.NullableColumn<string>("avatar"), Names(reader, "roles"), Names(reader, "tags"),
                reader.GetFieldValue<string>("status"), reader.NullableColumn<string>("status_reason"), reader.GetFieldValue<DateTimeOffset>("joined_at"),
                reader.NullableValue<DateTimeOffset>("last_login"), CustomFields(reader), reader.GetFieldValue<DateTimeOffset>("created_at"),
                reader.GetFieldValue<DateTimeOffset>("updated_at")));
            lastSortValue = SortValue(reader, reader.GetOrdinal("sort_value"), sortColumn.Type);
        }

        return (users, JsonSerializer.SerializeToElement(lastSortValue));
    }

    /// <summary>As the cursor carries it: a timestamp in UTC round-trip form, a date as the API writes dates, else the value.</summary>
    private static object? SortValue(NpgsqlDataReader reader, int ordinal, string type) => reader.IsDBNull(ordinal) ? null : type switch
    {
        SearchColumns.Timestamp => reader.GetFieldValue<DateTimeOffset>(ordinal).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        UserFieldTypes.Number => reader.GetDecimal(ordinal),
        UserFieldTypes.Date => reader.GetFieldValue<DateOnly>(ordinal).ToString(UserFieldValueRules.DateFormat, CultureInfo.InvariantCulture),
        UserFieldTypes.Boolean => reader.GetBoolean(ordinal),
        _ => reader.GetString(ordinal),
    };

    private static Dictionary<string, JsonNode?> CustomFields(NpgsqlDataReader reader)
    {
        if (reader.NullableColumn<string[]>("field_keys") is not { } keys) return [];
        var values = reader.GetFieldValue<string[]>("field_values");
        var fields = new Dictionary<string, JsonNode?>(keys.Length);
        for (var i = 0; i < keys.Length; i++) fields[keys[i]] = FieldValueColumns.Json(values[i]);
        return fields;
    }

    private static List<string> Names(NpgsqlDataReader reader, string column)
    {
        if (reader.NullableColumn<string[]>(column) is not { } names) return [];
        Array.Sort(names, StringComparer.OrdinalIgnoreCase);
        return [.. names];
    }
}
