using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Lists;

/// <summary>
/// Reads the list grammar from a query string and checks it against what one list offers: unknown
/// sort or projection fields, conflicting paging and windows past what a list can address are each a
/// 400 item naming the parameter, all of them reported together.
/// </summary>
public static class ListQueryReader
{
    public const string SearchKeywordPrefix = "keyword:";

    public static ListQuery Read(IQueryCollection query, IListFields fields)
    {
        var errors = new List<ErrorItem>();
        var limit = ReadInt(query, "limit", 1, ListQuery.MaxLimit, ListQuery.DefaultLimit, errors);
        var skip = ReadInt(query, "skip", 0, int.MaxValue, 0, errors);
        var page = ReadInt(query, "page", 1, int.MaxValue, 1, errors);
        if (Has(query, "skip") && Has(query, "page"))
        {
            errors.Add(new ErrorItem("conflicting_paging", "Send either skip or page, not both.", "page"));
        }
        else if (Has(query, "page"))
        {
            skip = (int)Math.Min((page - 1L) * limit, int.MaxValue);
            if ((page - 1L) * limit + limit > ListQuery.MaxAddressableRow) OutOfRange(errors, "page", $"page × limit must stay within {ListQuery.MaxAddressableRow}.");
        }

        if (Has(query, "skip") && (long)skip + limit > ListQuery.MaxAddressableRow)
        {
            OutOfRange(errors, "skip", $"skip + limit must stay within {ListQuery.MaxAddressableRow}.");
        }

        return new ListQuery(skip, limit, ReadSorts(query, fields, errors), FieldProjection.Read(query, fields.Selectable, errors), ReadSearch(query, errors),
            ReadFilters(query, fields, errors), errors);
    }

    private static List<ListSort> ReadSorts(IQueryCollection query, IListFields fields, List<ErrorItem> errors)
    {
        var sorts = new List<ListSort>();
        foreach (var item in Items(query["sort"]))
        {
            var colon = item.LastIndexOf(':');
            var (field, direction) = colon < 0 ? (item, "asc") : (item[..colon].Trim(), item[(colon + 1)..].Trim().ToLowerInvariant());
            if (!fields.Sortable.Contains(field, StringComparer.Ordinal) || direction is not ("asc" or "desc"))
            {
                errors.Add(new ErrorItem("invalid_sort",
                    $"'{item}' is not a sort: use field:asc or field:desc with one of {string.Join(", ", fields.Sortable)}.", "sort"));
                continue;
            }

            sorts.Add(new ListSort(field, direction == "desc"));
        }

        return sorts;
    }

    private static string? ReadSearch(IQueryCollection query, List<ErrorItem> errors)
    {
        var text = Single(query, "search", errors);
        if (text is null) return null;
        if (text.StartsWith(SearchKeywordPrefix, StringComparison.OrdinalIgnoreCase)) text = text[SearchKeywordPrefix.Length..];
        text = text.Trim();
        return text.Length == 0 ? null : text;
    }

    private static List<ListFilter> ReadFilters(IQueryCollection query, IListFields fields, List<ErrorItem> errors)
    {
        var filters = new List<ListFilter>();
        foreach (var item in query["filter"].OfType<string>())
        {
            if (!TextCharacters.AreAllowed(item))
            {
                errors.Add(new ErrorItem("invalid_character", $"filter {TextCharacters.Rule}.", "filter"));
                continue;
            }

            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? item.Trim() : item[..colon].Trim();
            if (colon < 0 || !fields.Filterable.Contains(field, StringComparer.Ordinal))
            {
                errors.Add(new ErrorItem("invalid_filter",
                    $"'{item}' is not a filter: use field:value with one of {string.Join(", ", fields.Filterable.DefaultIfEmpty("(none)"))}.", "filter"));
                continue;
            }

            filters.Add(new ListFilter(field, item[(colon + 1)..].Trim()));
        }

        return filters;
    }

    private static int ReadInt(IQueryCollection query, string name, int min, int max, int fallback, List<ErrorItem> errors)
    {
        var text = Single(query, name, errors);
        if (string.IsNullOrEmpty(text)) return fallback;
        var range = max == int.MaxValue ? $"at least {min}" : $"{min}–{max}";
        if (!text.All(char.IsAsciiDigit))
        {
            errors.Add(new ErrorItem("invalid_query", $"{name} must be an integer {range}.", name));
            return fallback;
        }

        // A well-formed number too large for the list to reach is out of range, not malformed.
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            OutOfRange(errors, name, $"{name} is beyond what this list can address.");
            return fallback;
        }

        if (value >= min && value <= max) return value;
        errors.Add(new ErrorItem("invalid_query", $"{name} must be an integer {range}.", name));
        return fallback;
    }

    private static string? Single(IQueryCollection query, string name, List<ErrorItem> errors)
    {
        var values = query[name];
        if (values.Count == 0) return null;
        if (values.Count > 1)
        {
            errors.Add(new ErrorItem("invalid_query", $"{name} may be sent once.", name));
            return null;
        }

        if (!TextCharacters.AreAllowed(values[0]))
        {
            errors.Add(new ErrorItem("invalid_character", $"{name} {TextCharacters.Rule}.", name));
            return null;
        }

        return values[0];
    }

    private static IEnumerable<string> Items(StringValues values) => values
        .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static bool Has(IQueryCollection query, string name) => query.TryGetValue(name, out var values) && !StringValues.IsNullOrEmpty(values);

    private static void OutOfRange(List<ErrorItem> errors, string field, string message) =>
        errors.Add(new ErrorItem("out_of_range", message, field));
}
