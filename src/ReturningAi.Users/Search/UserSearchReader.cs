using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.Users.Fields;

namespace ReturningAi.Users.Search;

/// <summary>
/// Reads a user search body (users.md U4) against the community's fields: every column, operator and
/// value is checked and typed here, so that the query builder only translates. All problems together.
/// </summary>
public static class UserSearchReader
{
    public const int MaxConditions = 20;
    public const int MaxListValues = 100;
    public const int MaxSearchLength = 100;
    public const int MaxPage = 1_000_000;

    private static readonly IReadOnlyList<string> DefaultStatuses = [UserStatuses.Active, UserStatuses.Banned];

    public static UserSearchRequest? Read(JsonElement body, IReadOnlyList<KnownUserField> fields, List<ErrorItem> errors)
    {
        var before = errors.Count;
        var reader = new JsonFields(body, errors);

        var projection = ReadProjection(reader, body, fields);
        var conditions = ReadFilter(reader, body, fields);
        var search = ReadSearch(reader);
        var roles = ReadLabels(reader, body, "roles");
        var tags = ReadLabels(reader, body, "tags");
        var statuses = ReadStatuses(reader, body);
        var sort = ReadSort(reader, body, fields);
        var (page, cursor) = ReadPaging(reader, body);
        if (errors.Count > before) return null;

        var fingerprint = Fingerprint(body);
        if (cursor is not null && cursor.Fingerprint != fingerprint)
        {
            reader.Add("invalid_cursor", "cursor", "This cursor belongs to a search with other filters or sort; send the same search with it.");
            return null;
        }

        return new UserSearchRequest(projection, conditions, search, roles, tags, statuses, sort!, cursor?.Page ?? page, cursor, fingerprint);
    }

    private static List<SearchColumn>? ReadProjection(JsonFields reader, JsonElement body, IReadOnlyList<KnownUserField> fields)
    {
        var names = reader.ReadStringArray("fields", required: false, trim: true);
        if (names is null) return null;
        if (names.Count > SearchColumns.BuiltIn.Count + fields.Count)
        {
            reader.Add("too_many_items", "fields", "fields names more columns than there are.");
            return null;
        }

        var columns = new List<SearchColumn>();
        for (var i = 0; i < names.Count; i++)
        {
            var column = SearchColumns.Find(names[i], fields);
            if (column is null) reader.Add("unknown_field", $"fields[{i}]", UnknownField(names[i]));
            else if (!columns.Contains(column)) columns.Add(column);
        }

        return columns;
    }

    private static List<SearchCondition> ReadFilter(JsonFields reader, JsonElement body, IReadOnlyList<KnownUserField> fields)
    {
        var conditions = new List<SearchCondition>();
        if (!body.TryGetProperty("filter", out var filter) || filter.ValueKind == JsonValueKind.Null) return conditions;
        if (filter.ValueKind != JsonValueKind.Object)
        {
            reader.Add("invalid_type", "filter", "filter must be an object of column names and values.");
            return conditions;
        }

        var count = 0;
        foreach (var property in filter.EnumerateObject())
        {
            var path = $"filter.{property.Name}";
            var column = SearchColumns.Find(property.Name, fields);
            if (column is null)
            {
                reader.Add("unknown_field", path, UnknownField(property.Name));
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                var operators = property.Value.EnumerateObject().ToList();
                if (operators.Count == 0) reader.Add("invalid_operator", path, $"{path} names no operator.");
                foreach (var op in operators)
                {
                    count++;
                    ReadCondition(reader, column, op.Name, op.Value, path, conditions);
                }
            }
            else
            {
                count++;
                ReadCondition(reader, column, SearchOperators.Equal, property.Value, path, conditions);
            }
        }

        if (count > MaxConditions)
        {
            reader.Add("too_many_conditions", "filter", $"A search may hold at most {MaxConditions} conditions; this one has {count}.");
        }

        return conditions;
    }

    private static void ReadCondition(JsonFields reader, SearchColumn column, string op, JsonElement value, string path, List<SearchCondition> conditions)
    {
        if (op != SearchOperators.Equal && !SearchOperators.For(column.Type).Contains(op, StringComparer.Ordinal))
        {
            var allowed = string.Join(", ", SearchOperators.For(column.Type));
            reader.Add("invalid_operator", path, $"'{op}' does not apply to {column.Name} ({Describe(column)}); use an exact value or one of: {allowed}.");
            return;
        }

        var problem = op switch
        {
            SearchOperators.Exists => ReadExists(column, value, conditions),
            SearchOperators.In or SearchOperators.All => ReadList(column, op, value, conditions),
            SearchOperators.Contains or SearchOperators.StartsWith when column.Type == UserFieldTypes.Text => ReadSubstring(column, op, value, conditions),
            SearchOperators.Contains => ReadList(column, SearchOperators.In, value, conditions, single: true),
            _ => ReadComparison(column, op, value, conditions),
        };
        if (problem is not null) reader.Add("invalid_field_value", path, $"{path}: {problem}");
    }

    private static string? ReadExists(SearchColumn column, JsonElement value, List<SearchCondition> conditions)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return "exists takes true or false.";
        conditions.Add(new SearchCondition(column, SearchOperators.Exists, [value.GetBoolean()]));
        return null;
    }

    private static string? ReadSubstring(SearchColumn column, string op, JsonElement value, List<SearchCondition> conditions)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Trim().Length is 0 or > MaxSearchLength
            || !TextCharacters.AreAllowed(value.GetString()))
        {
            return $"{op} takes text of 1–{MaxSearchLength} characters.";
        }

        conditions.Add(new SearchCondition(column, op, [value.GetString()!.Trim()]));
        return null;
    }

    private static string? ReadList(SearchColumn column, string op, JsonElement value, List<SearchCondition> conditions, bool single = false)
    {
        var items = new List<JsonElement>();
        if (single && value.ValueKind == JsonValueKind.String) items.Add(value);
        else if (value.ValueKind == JsonValueKind.Array) items.AddRange(value.EnumerateArray());
        else return single ? "contains takes one option name." : $"{op} takes a list of 1–{MaxListValues} values.";
        if (items.Count is 0 or > MaxListValues) return $"{op} takes a list of 1–{MaxListValues} values.";

        var operands = new List<object>(items.Count);
        foreach (var item in items)
        {
            var (operand, problem) = ReadScalar(column, item, forList: true);
            if (problem is not null) return problem;
            operands.Add(operand!);
        }

        conditions.Add(new SearchCondition(column, op, [.. operands.Distinct()]));
        return null;
    }

    private static string? ReadComparison(SearchColumn column, string op, JsonElement value, List<SearchCondition> conditions)
    {
        if (column.Type == UserFieldTypes.MultiSelect)
        {
            // eq on a multi-select: exactly this set of options (one name counts as a set of one).
            var shape = column.Field!.Definition.Shape;
            if (!UserFieldValueRules.TryRead(shape, value, out var set, out var setProblem) || set is null)
            {
                return set is null && setProblem.Length == 0 ? "an exact value cannot be empty; use {\"exists\": false}." : setProblem;
            }

            conditions.Add(new SearchCondition(column, op, [.. set.Options!]));
            return null;
        }

        var (operand, problem) = ReadScalar(column, value, forList: false);
        if (problem is not null) return problem;

        if (column.Type == SearchColumns.Timestamp && operand is DateOnly day)
        {
            // A date against a date-time column means the whole day (UTC).
            var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var to = from.AddDays(1);
            switch (op)
            {
                case SearchOperators.Equal:
                    conditions.Add(new SearchCondition(column, SearchOperators.GreaterOrEqual, [from]));
                    conditions.Add(new SearchCondition(column, SearchOperators.LessThan, [to]));
                    return null;
                case SearchOperators.NotEqual:
                    conditions.Add(new SearchCondition(column, SearchOperators.Outside, [from, to]));
                    return null;
                case SearchOperators.GreaterThan or SearchOperators.GreaterOrEqual:
                    conditions.Add(new SearchCondition(column, SearchOperators.GreaterOrEqual, [op == SearchOperators.GreaterThan ? to : from]));
                    return null;
                default:
                    conditions.Add(new SearchCondition(column, SearchOperators.LessThan, [op == SearchOperators.LessOrEqual ? to : from]));
                    return null;
            }
        }

        conditions.Add(new SearchCondition(column, op, [operand!]));
        return null;
    }

    /// <summary>One operand, typed by the column: (value, null) or (null, the problem).</summary>
    private static (object? Value, string? Problem) ReadScalar(SearchColumn column, JsonElement value, bool forList)
    {
        switch (column.Type)
        {
            case SearchColumns.Timestamp:
                return ReadMoment(value) is { } moment ? (moment, null) : (null, "a date is YYYY-MM-DD or an ISO-8601 date-time.");
            case UserFieldTypes.Date:
                return ReadMoment(value) switch
                {
                    DateOnly date => (date, null),
                    DateTimeOffset instant => (DateOnly.FromDateTime(instant.UtcDateTime), null),
                    _ => (null, "a date is YYYY-MM-DD or an ISO-8601 date-time."),
                };
            case UserFieldTypes.Text:
                return value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length is > 0 and <= UserFieldValueRules.MaxTextLength
                       && TextCharacters.AreAllowed(value.GetString())
                    ? (value.GetString()!.Trim(), null)
                    : (null, $"text values are 1–{UserFieldValueRules.MaxTextLength} characters.");
            case UserFieldTypes.Select or UserFieldTypes.MultiSelect:
                var options = column.Field!.Definition.Options;
                var option = value.ValueKind == JsonValueKind.String
                    ? options.FirstOrDefault(o => string.Equals(o, value.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase))
                    : null;
                return option is not null ? (option, null) : (null, $"the value must be one of the options of {column.Name}: {string.Join(", ", options)}.");
            default:
                if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return (null, "a value is required; use {\"exists\": false} for users without one.");
                if (!UserFieldValueRules.TryRead(column.Field!.Definition.Shape, value, out var typed, out var problem)) return (null, problem);
                return typed?.Type switch
                {
                    UserFieldTypes.Number => (typed.Number!.Value, null),
                    UserFieldTypes.Boolean => (typed.Boolean!.Value, null),
                    _ => (null, "a value is required; use {\"exists\": false} for users without one."),
                };
        }
    }

    /// <summary>A <c>DateOnly</c> for <c>YYYY-MM-DD</c>, a <c>DateTimeOffset</c> for a date-time, else null.</summary>
    private static object? ReadMoment(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        var text = value.GetString()!.Trim();
        if (DateOnly.TryParseExact(text, UserFieldValueRules.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        return text.Contains('T', StringComparison.Ordinal)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
            ? moment
            : null;
    }

    private static string? ReadSearch(JsonFields reader) =>
        reader.ReadString("search", required: false, minLength: 1, maxLength: MaxSearchLength);

    private static LabelFilter? ReadLabels(JsonFields reader, JsonElement body, string name)
    {
        var labels = reader.ReadObject(name);
        if (labels is null) return null;
        var value = body.GetProperty(name);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name is not ("any" or "all" or "none"))
            {
                reader.Add("invalid_operator", $"{name}.{property.Name}", $"{name} takes any, all and none (lists of names).");
            }
        }

        var any = ReadNames(labels, "any");
        var all = ReadNames(labels, "all");
        var none = ReadNames(labels, "none");
        if (any is null && all is null && none is null) return null;
        return new LabelFilter(any ?? [], all ?? [], none ?? []);
    }

    private static IReadOnlyList<string>? ReadNames(JsonFields labels, string op)
    {
        var names = labels.ReadStringArray(op, required: false, trim: true);
        if (names is null) return null;
        if (names.Count is 0 or > MaxListValues)
        {
            labels.Add("invalid_field_value", op, $"{labels.FieldPath(op)} takes 1–{MaxListValues} names.");
            return null;
        }

        return names;
    }

    private static IReadOnlyList<string> ReadStatuses(JsonFields reader, JsonElement body)
    {
        if (!body.TryGetProperty("status", out var value) || value.ValueKind == JsonValueKind.Null) return DefaultStatuses;
        if (value.ValueKind == JsonValueKind.String)
        {
            if (UserRules.Statuses.Contains(value.GetString())) return [value.GetString()!];
            reader.Add("invalid_status", "status", $"status must be one of {string.Join(", ", UserRules.Statuses)}, or a list of them.");
            return DefaultStatuses;
        }

        var statuses = reader.ReadStringArray("status", required: false) ?? [];
        if (statuses.Count == 0) reader.Add("invalid_status", "status", "status must name at least one status.");
        for (var i = 0; i < statuses.Count; i++)
        {
            if (!UserRules.Statuses.Contains(statuses[i]))
            {
                reader.Add("invalid_status", $"status[{i}]", $"status must be one of {string.Join(", ", UserRules.Statuses)}.");
            }
        }

        return [.. statuses.Distinct()];
    }

    private static SearchSort? ReadSort(JsonFields reader, JsonElement body, IReadOnlyList<KnownUserField> fields)
    {
        var by = SearchColumns.JoinDate;
        var descending = true;
        var path = "sort";
        if (body.TryGetProperty("sort", out var sort) && sort.ValueKind != JsonValueKind.Null)
        {
            if (sort.ValueKind == JsonValueKind.String)
            {
                by = sort.GetString()!;
            }
            else if (reader.ReadObject("sort") is { } sortFields)
            {
                path = "sort.by";
                by = sortFields.ReadString("by", required: false) ?? by;
                var order = sortFields.ReadString("order", required: false);
                if (order is not null and not ("asc" or "desc"))
                {
                    sortFields.Add("invalid_sort", "order", "sort.order must be asc or desc.");
                }

                descending = order != "asc";
            }
            else
            {
                return null;
            }
        }

        var column = SearchColumns.Find(by, fields);
        if (column is null)
        {
            reader.Add("unknown_field", path, UnknownField(by));
            return null;
        }

        if (column.Type == UserFieldTypes.MultiSelect)
        {
            reader.Add("invalid_sort", path, $"{column.Name} holds several options; users cannot be sorted by it.");
            return null;
        }

        return new SearchSort(column, descending);
    }

    private static (int Page, SearchCursor? Cursor) ReadPaging(JsonFields reader, JsonElement body)
    {
        var hasPage = body.TryGetProperty("page", out var pageValue) && pageValue.ValueKind != JsonValueKind.Null;
        var hasCursor = body.TryGetProperty("cursor", out var cursorValue) && cursorValue.ValueKind != JsonValueKind.Null;
        if (hasPage && hasCursor)
        {
            reader.Add("conflicting_pagination", "cursor", "Send page or cursor, not both.");
            return (1, null);
        }

        if (hasCursor)
        {
            if (cursorValue.ValueKind == JsonValueKind.String && SearchCursor.Decode(cursorValue.GetString()!) is { } cursor) return (cursor.Page, cursor);
            reader.Add("invalid_cursor", "cursor", "cursor must be a meta.nextCursor this search returned.");
            return (1, null);
        }

        if (!hasPage) return (1, null);
        if (pageValue.ValueKind == JsonValueKind.Number && pageValue.TryGetInt32(out var page) && page is >= 1 and <= MaxPage) return (page, null);
        reader.Add("out_of_range", "page", $"page must be an integer from 1 to {MaxPage}.");
        return (1, null);
    }

    /// <summary>The search without its paging and projection: a cursor only continues the search it came from.</summary>
    private static string Fingerprint(JsonElement body)
    {
        var builder = new StringBuilder();
        foreach (var name in new[] { "filter", "search", "roles", "tags", "status", "sort" })
        {
            builder.Append(name).Append('=');
            if (body.TryGetProperty(name, out var value)) builder.Append(JsonSerializer.Serialize(value));
            builder.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())))[..16];
    }

    private static string UnknownField(string name) =>
        $"'{name}' is not a column: use {string.Join(", ", SearchColumns.BuiltIn.Select(c => c.Name))} or a custom field's key.";

    private static string Describe(SearchColumn column) => column.Type == SearchColumns.Timestamp ? "a date" : column.Type;
}
