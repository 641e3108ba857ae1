using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ReturningAi.Users.Fields;
using ReturningAi.Users.Search;

namespace ReturningAi.Community.Members;

/// <summary>
/// Translates a checked user search (<see cref="UserSearchRequest"/>) into one SQL filter over
/// <c>users</c>, with every value a typed parameter. Custom field conditions are <c>EXISTS</c> probes
/// into <c>user_field_values</c> on (field, typed value) indexes; text matching is case-insensitive
/// (values are stored upper-cased beside their JSON); the order is the sort column, missing values
/// last, ties by id, and a cursor continues after its row (keyset), so pages never overlap or skip.
/// </summary>
internal sealed class UserSearchQuery
{
    private readonly StringBuilder _where = new();
    private readonly List<Func<NpgsqlParameter>> _parameters = [];
    private readonly UserSearchRequest _request;

    public UserSearchQuery(string communityId, UserSearchRequest request, LabelIds roles, LabelIds tags)
    {
        _request = request;
        _where.Append(CultureInfo.InvariantCulture, $"u.community_id = {Parameter(communityId, NpgsqlDbType.Char)} AND u.status = ANY({Parameter(request.Statuses.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        foreach (var condition in request.Conditions.Where(c => c.Column.Field is null || c.Operator == SearchOperators.Exists))
        {
            _where.Append(" AND ").Append(Condition(condition));
        }

        // A custom field's conditions share one probe: a range is one index range, not two semi-joins.
        foreach (var field in request.Conditions.Where(c => c.Column.Field is not null && c.Operator != SearchOperators.Exists).GroupBy(c => c.Column.Field!.Id))
        {
            var column = field.First().Column;
            var predicates = string.Join(" AND ", field.Select(c => Predicate("v." + TypedColumn(column.Type), column.Type, c, custom: true)));
            _where.Append(CultureInfo.InvariantCulture, $" AND EXISTS ({Probe(field.Key)} AND {predicates})");
        }
        if (request.Search is { } search)
        {
            _where.Append(CultureInfo.InvariantCulture, $" AND u.search_text LIKE '%' || lower({Parameter(Escape(search), NpgsqlDbType.Text)}) || '%'");
        }

        Labels(roles);
        Labels(tags);
    }

    /// <summary>How many users match (the cursor aside).</summary>
    public (string Sql, NpgsqlParameter[] Parameters) Count() =>
        ($"SELECT count(*)::int AS \"Value\" FROM users u WHERE {_where}", [.. _parameters.Select(p => p())]);

    /// <summary>One page of matching users (<c>users.*</c>), in order, after the cursor's row or at the page's offset.</summary>
    public (string Sql, NpgsqlParameter[] Parameters) Page()
    {
        var parameters = _parameters.Select(p => p()).ToList();
        var sort = SortExpression(out var join, parameters);
        var where = new StringBuilder(_where.ToString());
        var direction = _request.Sort.Descending ? "DESC" : "ASC";
        var before = _request.Sort.Descending ? "<" : ">";
        // A column every user has sorts as its index does (a page reads 200 index entries, not every match);
        // only a column users may lack needs "missing last".
        var alwaysSet = AlwaysSet(_request.Sort.Column);
        var nulls = alwaysSet ? "" : " NULLS LAST";
        if (_request.Cursor is { } cursor)
        {
            var id = Add(parameters, cursor.LastId, NpgsqlDbType.Char);
            if (cursor.SortValue.ValueKind == JsonValueKind.Null)
            {
                where.Append(CultureInfo.InvariantCulture, $" AND {sort} IS NULL AND u.id {before} {id}");
            }
            else
            {
                var value = Add(parameters, CursorValue(cursor.SortValue), SortType());
                where.Append(alwaysSet
                    ? $" AND ({sort}, u.id) {before} ({value}, {id})"
                    : $" AND ({sort} {before} {value} OR ({sort} = {value} AND u.id {before} {id}) OR {sort} IS NULL)");
            }
        }

        var offset = _request.Cursor is null ? (long)(_request.Page - 1) * UserSearchRequest.PageSize : 0;
        return ($"SELECT u.* FROM users u {join} WHERE {where} ORDER BY {sort} {direction}{nulls}, u.id {direction} LIMIT {UserSearchRequest.PageSize} OFFSET {offset}",
            [.. parameters]);
    }

    /// <summary>The sort value of a user for the next cursor: built-in columns come from the user, custom ones are read.</summary>
    public static object? BuiltInSortValue(SearchColumn column, Model.User user) => column.Name switch
    {
        SearchColumns.Email => user.NormalizedEmail,
        SearchColumns.Username => user.NormalizedUsername,
        SearchColumns.FirstName => user.FirstName?.ToUpperInvariant(),
        SearchColumns.LastName => user.LastName?.ToUpperInvariant(),
        SearchColumns.DisplayName => user.DisplayName.ToUpperInvariant(),
        SearchColumns.JoinDate => user.JoinedAt,
        SearchColumns.LastLogin => user.LastLogin,
        SearchColumns.CreatedAt => user.CreatedAt,
        SearchColumns.UpdatedAt => user.UpdatedAt,
        _ => throw new ArgumentException($"{column.Name} is not a built-in column.", nameof(column)),
    };

    private string SortExpression(out string join, List<NpgsqlParameter> parameters)
    {
        var column = _request.Sort.Column;
        join = "";
        if (column.Field is { } field)
        {
            join = $"LEFT JOIN user_field_values s ON s.user_id = u.id AND s.field_id = {Add(parameters, field.Id, NpgsqlDbType.Char)}";
            return "s." + TypedColumn(column.Type);
        }

        // Text sorts ignore case: the normalized (upper-cased) columns, or upper() where there is none.
        return column.Name switch
        {
            SearchColumns.Email => "u.normalized_email",
            SearchColumns.Username => "u.normalized_username",
            SearchColumns.FirstName => "upper(u.first_name)",
            SearchColumns.LastName => "upper(u.last_name)",
            SearchColumns.DisplayName => "upper(u.display_name)",
            _ => BuiltInColumn(column.Name),
        };
    }

    private static bool AlwaysSet(SearchColumn column) => column.Name is SearchColumns.Email or SearchColumns.Username or SearchColumns.DisplayName
        or SearchColumns.JoinDate or SearchColumns.CreatedAt or SearchColumns.UpdatedAt && !column.IsCustom;

    private NpgsqlDbType SortType() => _request.Sort.Column.Type switch
    {
        SearchColumns.Timestamp => NpgsqlDbType.TimestampTz,
        UserFieldTypes.Number => NpgsqlDbType.Numeric,
        UserFieldTypes.Date => NpgsqlDbType.Date,
        UserFieldTypes.Boolean => NpgsqlDbType.Boolean,
        _ => NpgsqlDbType.Text,
    };

    private object CursorValue(JsonElement value) => _request.Sort.Column.Type switch
    {
        SearchColumns.Timestamp => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        UserFieldTypes.Number => value.GetDecimal(),
        UserFieldTypes.Date => DateOnly.ParseExact(value.GetString()!, UserFieldValueRules.DateFormat, CultureInfo.InvariantCulture),
        UserFieldTypes.Boolean => value.GetBoolean(),
        _ => value.GetString()!,
    };

    private string Condition(SearchCondition condition)
    {
        var column = condition.Column;
        if (column.Field is { } field) return (bool)condition.Values[0] ? $"EXISTS ({Probe(field.Id)})" : $"NOT EXISTS ({Probe(field.Id)})";
        return Predicate(BuiltInColumn(column.Name), column.Type, condition, custom: false);
    }

    private string Probe(string fieldId) =>
        $"SELECT 1 FROM user_field_values v WHERE v.user_id = u.id AND v.field_id = {Parameter(fieldId, NpgsqlDbType.Char)}";

    /// <summary>
    /// One condition on a column expression. Custom text values are stored upper-cased (compared with
    /// upper-cased operands); built-in text columns are compared through upper() on both sides.
    /// </summary>
    private string Predicate(string column, string type, SearchCondition condition, bool custom)
    {
        var values = condition.Values;
        var isText = type is UserFieldTypes.Text or UserFieldTypes.Select;
        string Text(object value) => custom ? Parameter(((string)value).ToUpperInvariant(), NpgsqlDbType.Text) : $"upper({Parameter(value, NpgsqlDbType.Text)})";
        var compared = isText && !custom ? $"upper({column})" : column;

        switch (condition.Operator)
        {
            case SearchOperators.Exists:
                return (bool)values[0] ? $"{column} IS NOT NULL" : $"{column} IS NULL";
            case SearchOperators.Contains or SearchOperators.StartsWith when isText:
                var pattern = Parameter(Escape((string)values[0]), NpgsqlDbType.Text);
                var prefix = condition.Operator == SearchOperators.Contains ? "'%' || " : "";
                return custom
                    ? $"{column} LIKE {prefix}upper({pattern}) || '%'"
                    : $"{column} ILIKE {prefix}{pattern} || '%'";
            case SearchOperators.Outside:
                return $"({column} < {Parameter(values[0], NpgsqlDbType.TimestampTz)} OR {column} >= {Parameter(values[1], NpgsqlDbType.TimestampTz)})";
        }

        if (type == UserFieldTypes.MultiSelect)
        {
            var options = Parameter(values.Cast<string>().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            return condition.Operator switch
            {
                SearchOperators.All => $"{column} @> {options}",
                SearchOperators.In => $"{column} && {options}",
                _ => $"({column} @> {options} AND {column} <@ {options})",
            };
        }

        if (condition.Operator == SearchOperators.In)
        {
            var list = isText
                ? (custom
                    ? Parameter(values.Select(v => ((string)v).ToUpperInvariant()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                    : $"ARRAY(SELECT upper(x) FROM unnest({Parameter(values.Cast<string>().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}) x)")
                : Parameter(values.Select(v => (decimal)v).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Numeric);
            return $"{compared} = ANY({list})";
        }

        var operand = isText ? Text(values[0]) : Parameter(values[0], ParameterType(type));
        var op = condition.Operator switch
        {
            SearchOperators.NotEqual => "<>",
            SearchOperators.GreaterThan => ">",
            SearchOperators.GreaterOrEqual => ">=",
            SearchOperators.LessThan => "<",
            SearchOperators.LessOrEqual => "<=",
            _ => "=",
        };
        return $"{compared} {op} {operand}";
    }

    private void Labels(LabelIds labels)
    {
        string Holds(string ids) => $"EXISTS (SELECT 1 FROM user_labels m WHERE m.user_id = u.id AND m.label_id = ANY({ids}))";
        if (labels.Any.Count > 0) _where.Append(" AND ").Append(Holds(Parameter(labels.Any.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Char)));
        foreach (var id in labels.All)
        {
            _where.Append(" AND ").Append(Holds(Parameter(new[] { id }, NpgsqlDbType.Array | NpgsqlDbType.Char)));
        }

        if (labels.None.Count > 0) _where.Append(" AND NOT ").Append(Holds(Parameter(labels.None.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Char)));
    }

    private static string TypedColumn(string type) => type switch
    {
        UserFieldTypes.Number => "number_value",
        UserFieldTypes.Date => "date_value",
        UserFieldTypes.Boolean => "bool_value",
        UserFieldTypes.MultiSelect => "option_values",
        _ => "text_value",
    };

    private static string BuiltInColumn(string name) => name switch
    {
        SearchColumns.Email => "u.email",
        SearchColumns.Username => "u.username",
        SearchColumns.FirstName => "u.first_name",
        SearchColumns.LastName => "u.last_name",
        SearchColumns.DisplayName => "u.display_name",
        SearchColumns.JoinDate => "u.joined_at",
        SearchColumns.LastLogin => "u.last_login",
        SearchColumns.CreatedAt => "u.created_at",
        SearchColumns.UpdatedAt => "u.updated_at",
        _ => throw new ArgumentException($"{name} is not a built-in column.", nameof(name)),
    };

    private static NpgsqlDbType ParameterType(string type) => type switch
    {
        SearchColumns.Timestamp => NpgsqlDbType.TimestampTz,
        UserFieldTypes.Number => NpgsqlDbType.Numeric,
        UserFieldTypes.Date => NpgsqlDbType.Date,
        UserFieldTypes.Boolean => NpgsqlDbType.Boolean,
        _ => NpgsqlDbType.Text,
    };

    /// <summary>Text a LIKE pattern holds literally: its wildcards and the escape character escaped.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private string Parameter(object value, NpgsqlDbType type)
    {
        var name = "p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(() => new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }

    private static string Add(List<NpgsqlParameter> parameters, object value, NpgsqlDbType type)
    {
        var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }
}
