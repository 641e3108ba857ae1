using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using ReturningAi.Users;
using ReturningAi.Users.Fields;
using ReturningAi.Users.Search;

namespace ReturningAi.Community.Members;

/// <summary>
/// Translates a checked user search (<see cref="UserSearchRequest"/>) into one SQL filter over
/// <c>users</c>, with every value a typed parameter. Custom field conditions are <c>EXISTS</c> probes
/// into <c>user_field_values</c> on (field, typed value) indexes; text matching is case-insensitive
/// (values are stored upper-cased beside their JSON); the order is the sort column, missing values
/// last, ties by id, and a cursor continues after its row (keyset), so pages never overlap or skip.
/// A search of live users narrowed only by custom fields and labels is counted without <c>users</c>: the user ids one
/// condition's index holds, semi-joined to those of the others (anti-joined to the negated ones), every values index
/// carrying <c>user_live</c>, so the count of a broad match reads a few hundred index pages instead of every user. When
/// that count is small (or, counted over users, a search with probes matches few), it also returns the ids, and the page
/// reads just those users by primary key instead of walking the sort order and probing each user's values (the planner,
/// multiplying the selectivities of a conjunction of fields, underestimates such a page's matches and otherwise walks
/// thousands of users). When matches are many, the page walks
/// the sort order and probes each user walked: its probes are fenced so that the planner cannot turn them into joins.
/// </summary>
internal sealed class UserSearchQuery
{
    // Conditions on u (the scope first), and the correlated subqueries a user must (or, negated, must not) have rows in.
    private readonly List<string> _conditions = [];
    private readonly List<(bool Negated, string Subquery)> _probes = [];
    private readonly string _scope;
    private readonly List<Func<NpgsqlParameter>> _parameters = [];
    private readonly UserSearchRequest _request;

    // The count as sets of user ids (kept, or taken away when negated); null once a condition needs the users table.
    private List<(bool Negated, bool Live, string Sql)>? _sets = [];

    // When the sort is by a field the search also narrows: that field's probe (as in the filter) and its conditions on s.
    private ((bool Negated, string Subquery) Probe, string Join)? _sortedByFilter;

    public UserSearchQuery(string communityId, UserSearchRequest request, LabelIds roles, LabelIds tags)
    {
        _request = request;
        _scope = $"u.community_id = {Parameter(communityId, NpgsqlDbType.Char)} AND u.status = ANY({Parameter(request.Statuses.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})";
        _conditions.Add(_scope);
        // Live users are exactly those whose values say user_live; other statuses need the users table.
        if (request.Statuses.Count != 2 || !request.Statuses.Contains(UserStatuses.Active) || !request.Statuses.Contains(UserStatuses.Banned)) _sets = null;
        foreach (var condition in request.Conditions.Where(c => c.Column.Field is null || c.Operator == SearchOperators.Exists))
        {
            Condition(condition);
        }

        // A custom field's conditions share one probe: a range is one index range, not two semi-joins.
        foreach (var field in request.Conditions.Where(c => c.Column.Field is not null && c.Operator != SearchOperators.Exists).GroupBy(c => c.Column.Field!.Id))
        {
            var column = field.First().Column;
            var predicates = string.Join(" AND ", field.Select(c => Predicate("v." + TypedColumn(column.Type), column.Type, c, custom: true)));
            var fieldId = Parameter(field.Key, NpgsqlDbType.Char);
            var probe = (false, $"{Probe(fieldId)} AND {predicates}");
            _probes.Add(probe);
            if (request.Sort.Column.Field?.Id == field.Key)
            {
                var typed = TypedColumn(column.Type);
                _sortedByFilter = (probe, $"JOIN user_field_values s ON s.user_id = u.id AND s.field_id = {fieldId} AND {predicates.Replace("v." + typed, "s." + typed, StringComparison.Ordinal)}");
            }

            _sets?.Add((false, true, $"{Holders(fieldId)} AND {predicates}"));
        }
        if (request.Search is { } search)
        {
            _conditions.Add($"u.search_text LIKE '%' || lower({Parameter(Escape(search), NpgsqlDbType.Text)}) || '%'");
            _sets = null;
        }

        Labels(roles);
        Labels(tags);
    }

    /// <summary>
    /// How many users match (the cursor aside), as <c>total</c>; and, when at most <paramref name="idsUpTo"/>, their ids as
    /// <c>ids</c> (else null), for <see cref="Page"/>: when counted from the values' indexes, or over <c>users</c> with probes
    /// (a page of few matches then reads them by key instead of joining its probes). Run it as <see cref="UserSearchCount"/>
    /// does: without nested loops, so that every plan of it is hash joins, linear in the sets it reads whatever the estimates.
    /// </summary>
    public (string Sql, NpgsqlParameter[] Parameters) Count(int idsUpTo)
    {
        var (limit, beyond) = (idsUpTo.ToString(CultureInfo.InvariantCulture), (idsUpTo + 1).ToString(CultureInfo.InvariantCulture));
        // One source of ids stops after the limit's ids and is counted whole only when there are more (array_agg over every
        // match costs more than the count: 23 ms for 100,000 ids).
        string FewOrAll(string body, string id) =>
            $"WITH few AS MATERIALIZED ({body} LIMIT {beyond}) SELECT CASE WHEN (SELECT count(*) FROM few) <= {limit} THEN (SELECT count(*)::int FROM few) ELSE (SELECT count(*)::int FROM ({body}) matches) END AS total, CASE WHEN (SELECT count(*) FROM few) <= {limit} THEN (SELECT array_agg({id}) FROM few) END AS ids";

        if (_sets is { } sets && sets.Any(set => set is { Negated: false, Live: true }))
        {
            // The first set is a kept set of values (labels say nothing of liveness, and a user holds a field's value once):
            // the others are semi-joined to it or, negated, anti-joined, each a hash over its index range. Cheaper than
            // INTERSECT/EXCEPT, which hashes every input (shape 3 of bench g: 36 against 41 ms of CPU).
            var first = sets.First(set => set is { Negated: false, Live: true });
            var others = sets.Where(set => set != first).Select(set => set.Negated
                ? $"NOT EXISTS (SELECT 1 FROM ({set.Sql}) n WHERE n.user_id = d.user_id)"
                : $"d.user_id IN ({set.Sql})");
            var sql = sets.Count == 1
                ? FewOrAll(first.Sql, "user_id")
                : $"SELECT count(*)::int AS total, CASE WHEN count(*) <= {limit} THEN array_agg(d.user_id) END AS ids FROM ({first.Sql}) d WHERE {string.Join(" AND ", others)}";
            // Only the parameters it names: the community's and the statuses' are implied by the fields and user_live.
            return (sql, Named(sql, _parameters.Select(p => p())));
        }

        // Over users: with probes, the ids of few matches too, since a page joining its probes over few matches is planned
        // from estimates (a new community's fields have none until the next ANALYZE) and could read a field per user.
        var filter = Filter(fenced: false);
        return _probes.Count == 0
            ? ($"SELECT count(*)::int AS total, NULL::text[] AS ids FROM users u WHERE {filter}", [.. _parameters.Select(p => p())])
            : (FewOrAll($"SELECT u.id FROM users u WHERE {filter}", "id"), [.. _parameters.Select(p => p())]);
    }

    /// <summary>
    /// One page of matching users as <see cref="UserSearchHits"/> reads them, in order, after the cursor's row or at the page's offset; of the users
    /// <paramref name="ids"/> names when the count returned them (those still in scope: a user deleted since is left out).
    /// When the count said <paramref name="manyMatch"/>, a walked page probes each user it walks, whatever the planner's
    /// estimate of the matches (which, taking a value's selectivity over every field's values, can be ten times too low
    /// and then hashes every match and sorts every user of the community: 306 ms against a 24 ms walk).
    /// </summary>
    public (string Sql, NpgsqlParameter[] Parameters) Page(IReadOnlyList<string>? ids, bool manyMatch)
    {
        var parameters = _parameters.Select(p => p()).ToList();
        var join = "";
        var sort = _sortedByFilter is null ? SortExpression(out join, parameters) : "s." + TypedColumn(_request.Sort.Column.Type);
        var where = new StringBuilder(ids is null ? Filter(fenced: manyMatch, without: _sortedByFilter?.Probe) : _scope);
        // Materialized, so that the users are read by key first and only then sorted (not found by walking the order).
        var from = ids is null ? "users u" : "matched u";
        var with = ids is null ? "" : $"WITH matched AS MATERIALIZED (SELECT * FROM users WHERE id = ANY({Add(parameters, ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Char)})) ";
        var direction = _request.Sort.Descending ? "DESC" : "ASC";
        var before = _request.Sort.Descending ? "<" : ">";
        // A column every user has sorts as its index does (a page reads 200 index entries, not every match);
        // only a column users may lack needs "missing last". So does a custom field the search narrows: every match
        // holds it, and its conditions on the joined value make the page one range of that field's index.
        var alwaysSet = AlwaysSet(_request.Sort.Column) || _sortedByFilter is not null;
        if (_sortedByFilter is { } sorted) join = sorted.Join;

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
        var page = $"SELECT u.*, {sort} AS sort_value FROM {from} {join} WHERE {where} ORDER BY {sort} {direction}{nulls}, u.id {direction} LIMIT {UserSearchRequest.PageSize} OFFSET {offset}";
        var sql = with + UserSearchHits.Select(page, direction);
        return (sql, Named(sql, parameters));
    }

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

    private void Condition(SearchCondition condition)
    {
        var column = condition.Column;
        if (column.Field is { } field)
        {
            var fieldId = Parameter(field.Id, NpgsqlDbType.Char);
            var holds = (bool)condition.Values[0];
            _sets?.Add((!holds, true, Holders(fieldId)));
            _probes.Add((!holds, Probe(fieldId)));
            return;
        }

        _sets = null;
        _conditions.Add(Predicate(BuiltInColumn(column.Name), column.Type, condition, custom: false));
    }

    /// <summary>
    /// The conditions and probes, but <paramref name="without"/>. A probe is an <c>EXISTS</c> the planner may turn into a
    /// (semi- or anti-) join over every match, as a count needs; <paramref name="fenced"/> (<c>OFFSET 0</c>, which it
    /// cannot pull up) keeps it a subquery run for each user walked.
    /// </summary>
    private string Filter(bool fenced, (bool Negated, string Subquery)? without = null)
    {
        var fence = fenced ? " OFFSET 0" : "";
        var probes = _probes.Where(probe => probe != without).Select(probe => $"{(probe.Negated ? "NOT " : "")}EXISTS ({probe.Subquery}{fence})");
        return string.Join(" AND ", _conditions.Concat(probes));
    }

    private static string Probe(string fieldId) => $"SELECT 1 FROM user_field_values v WHERE v.user_id = u.id AND v.field_id = {fieldId}";

    /// <summary>The live users holding a value of the field (the community's, as the field is); the caller adds conditions on <c>v</c>.</summary>
    private static string Holders(string fieldId) => $"SELECT v.user_id FROM user_field_values v WHERE v.field_id = {fieldId} AND v.user_live";

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
        void Holds(string ids, bool negated)
        {
            _sets?.Add((negated, false, $"SELECT m.user_id FROM user_labels m WHERE m.label_id = ANY({ids})"));
            _probes.Add((negated, $"SELECT 1 FROM user_labels m WHERE m.user_id = u.id AND m.label_id = ANY({ids})"));
        }

        if (labels.Any.Count > 0) Holds(Parameter(labels.Any.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Char), negated: false);
        foreach (var id in labels.All)
        {
            Holds(Parameter(new[] { id }, NpgsqlDbType.Array | NpgsqlDbType.Char), negated: false);
        }

        if (labels.None.Count > 0) Holds(Parameter(labels.None.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Char), negated: true);
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

    /// <summary>The parameters <paramref name="sql"/> names (a page of ids no longer names the probes' values).</summary>
    private static NpgsqlParameter[] Named(string sql, IEnumerable<NpgsqlParameter> parameters) =>
        [.. parameters.Where(p => Regex.IsMatch(sql, $@"@{p.ParameterName}\b", RegexOptions.CultureInvariant))];

    private static string Add(List<NpgsqlParameter> parameters, object value, NpgsqlDbType type)
    {
        var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }
}
