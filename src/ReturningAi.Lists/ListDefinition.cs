using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Lists;

/// <summary>
/// One list of the partner API, declared once: which read-object fields sort and filter it (and the
/// entity column each stands for), what <c>search</c> looks in, its default order. It reads a request
/// (<see cref="Read"/>), turns it into the EF query, and answers the page with its meta and, when
/// <c>fields=</c> was sent, only those fields plus <c>_id</c>.
/// </summary>
/// <example><code>
/// new ListDefinition&lt;Category, CategoryDto&gt;()
///     .Sort("name", c => c.NormalizedName).Sort("displayOrder", c => c.DisplayOrder)
///     .Filter("isArchived", c => c.IsArchived).Search(c => c.Name)
///     .OrderBy("displayOrder").ThenBy("name").Tiebreak(c => c.Id);
/// </code></example>
public sealed class ListDefinition<TEntity, TDto> : IListFields where TEntity : class
{
    private readonly Dictionary<string, SortKey> _sorts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<string, Expression<Func<TEntity, bool>>?>> _filters = new(StringComparer.Ordinal);
    private readonly List<ListSort> _defaultOrder = [];
    private Expression<Func<TEntity, string>>? _search;
    private SortKey? _tiebreak;

    public IReadOnlyList<string> Sortable => [.. _sorts.Keys];

    public IReadOnlyList<string> Filterable => [.. _filters.Keys];

    /// <summary>Every property of the read object, as JSON names it.</summary>
    public IReadOnlyList<string> Selectable { get; } = FieldProjection.FieldsOf<TDto>();

    public ListDefinition<TEntity, TDto> Sort<TKey>(string field, Expression<Func<TEntity, TKey>> key)
    {
        _sorts[field] = SortKey.Of(key);
        return this;
    }

    /// <summary>A <c>filter=field:value</c> on a bool, int or string column; a value of the wrong type matches nothing but is reported.</summary>
    public ListDefinition<TEntity, TDto> Filter<TValue>(string field, Expression<Func<TEntity, TValue>> column)
    {
        _filters[field] = text => TryParse<TValue>(text, out var value) ? Equal(column, value) : null;
        return this;
    }

    /// <summary>What <c>search=keyword:text</c> (or plain <c>search=text</c>) looks in: contains, ignoring case.</summary>
    public ListDefinition<TEntity, TDto> Search(Expression<Func<TEntity, string>> text)
    {
        _search = text;
        return this;
    }

    /// <summary>The order without <c>sort</c>: sortable fields, first to last.</summary>
    public ListDefinition<TEntity, TDto> OrderBy(string field, bool descending = false)
    {
        if (!_sorts.ContainsKey(field)) throw new ArgumentException($"'{field}' is not declared sortable.", nameof(field));
        _defaultOrder.Add(new ListSort(field, descending));
        return this;
    }

    /// <summary>The last key of every order (the id), so that pages never overlap or skip rows.</summary>
    public ListDefinition<TEntity, TDto> Tiebreak<TKey>(Expression<Func<TEntity, TKey>> key, bool descending = false)
    {
        _tiebreak = SortKey.Of(key) with { Descending = descending };
        return this;
    }

    public ListQuery Read(HttpRequest request) => ListQueryReader.Read(request.Query, this);

    /// <summary>The request's filters and search laid over <paramref name="source"/>, or the filter values that do not parse.</summary>
    public (IQueryable<TEntity> Query, IReadOnlyList<ErrorItem> Errors) Where(IQueryable<TEntity> source, ListQuery list)
    {
        var errors = new List<ErrorItem>();
        foreach (var filter in list.Filters)
        {
            if (_filters[filter.Field](filter.Value) is { } predicate) source = source.Where(predicate);
            else errors.Add(new ErrorItem("invalid_filter", $"'{filter.Value}' is not a valid value for {filter.Field}.", "filter"));
        }

        if (list.Search is { } text && _search is not null) source = source.Where(Contains(_search, text));
        return (source, errors);
    }

    /// <summary>The whole list route: read, refuse with every problem, filter, count, order, page, map, project.</summary>
    public async Task<IResult> ListAsync(HttpContext http, IQueryable<TEntity> source, string message,
        Func<IReadOnlyList<TEntity>, Task<IReadOnlyList<TDto>>> map, CancellationToken cancellationToken)
    {
        var list = Read(http.Request);
        var (query, errors) = Where(source, list);
        return list.Errors.Count + errors.Count > 0
            ? ApiErrors.Validation(http, [.. list.Errors, .. errors])
            : await PageAsync(http, query, list, message, map, cancellationToken);
    }

    public Task<IResult> ListAsync(HttpContext http, IQueryable<TEntity> source, string message, Func<TEntity, TDto> map,
        CancellationToken cancellationToken) =>
        ListAsync(http, source, message, items => Task.FromResult<IReadOnlyList<TDto>>([.. items.Select(map)]), cancellationToken);

    /// <summary>One page of an already filtered query, in the request's order, with the list meta.</summary>
    public async Task<IResult> PageAsync(HttpContext http, IQueryable<TEntity> filtered, ListQuery list, string message,
        Func<IReadOnlyList<TEntity>, Task<IReadOnlyList<TDto>>> map, CancellationToken cancellationToken)
    {
        var total = await filtered.CountAsync(cancellationToken);
        var items = await Order(filtered, list).Skip(list.Skip).Take(list.Limit).ToListAsync(cancellationToken);
        var data = await map(items);
        var meta = list.Meta(total);
        return list.Fields is null
            ? ApiResults.Success(meta, message, data)
            : ApiResults.Success(meta, message, FieldProjection.ProjectAll(http, data, list.Fields));
    }

    private IOrderedQueryable<TEntity> Order(IQueryable<TEntity> query, ListQuery list)
    {
        var keys = (list.Sorts.Count > 0 ? list.Sorts : _defaultOrder)
            .Select(sort => _sorts[sort.Field] with { Descending = sort.Descending })
            .Append(_tiebreak ?? throw new InvalidOperationException("A list needs a tiebreak key (its id)."));
        IOrderedQueryable<TEntity>? ordered = null;
        foreach (var key in keys) ordered = ordered is null ? key.First(query) : key.Then(ordered);
        return ordered!;
    }

    private static bool TryParse<TValue>(string text, out TValue value)
    {
        object? parsed = typeof(TValue) switch
        {
            var t when t == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
            var t when t == typeof(int) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null,
            var t when t == typeof(string) => text,
            _ => throw new NotSupportedException($"Filters on {typeof(TValue).Name} are not supported."),
        };
        value = parsed is TValue typed ? typed : default!;
        return parsed is not null;
    }

    // The value sits in a closure-like box so that EF sends it as a parameter, not as SQL text.
    private static Expression<Func<TEntity, bool>> Equal<TValue>(Expression<Func<TEntity, TValue>> column, TValue value) =>
        Expression.Lambda<Func<TEntity, bool>>(
            Expression.Equal(column.Body, Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value))),
            column.Parameters);

    private static Expression<Func<TEntity, bool>> Contains(Expression<Func<TEntity, string>> text, string search)
    {
        var pattern = "%" + search.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var iLike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike),
            [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
        return Expression.Lambda<Func<TEntity, bool>>(
            Expression.Call(iLike, Expression.Constant(EF.Functions), text.Body,
                Expression.Property(Expression.Constant(new Box<string>(pattern)), nameof(Box<string>.Value)), Expression.Constant("\\")),
            text.Parameters);
    }

    private sealed record Box<TValue>(TValue Value);

    private sealed record SortKey(
        Func<IQueryable<TEntity>, bool, IOrderedQueryable<TEntity>> OrderFirst,
        Func<IOrderedQueryable<TEntity>, bool, IOrderedQueryable<TEntity>> OrderThen,
        bool Descending = false)
    {
        public IOrderedQueryable<TEntity> First(IQueryable<TEntity> query) => OrderFirst(query, Descending);

        public IOrderedQueryable<TEntity> Then(IOrderedQueryable<TEntity> query) => OrderThen(query, Descending);

        public static SortKey Of<TKey>(Expression<Func<TEntity, TKey>> key) => new(
            (query, descending) => descending ? query.OrderByDescending(key) : query.OrderBy(key),
            (query, descending) => descending ? query.ThenByDescending(key) : query.ThenBy(key));
    }
}
