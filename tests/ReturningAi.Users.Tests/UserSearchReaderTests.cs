using ReturningAi.Contracts.Http;
using ReturningAi.Users.Fields;
using ReturningAi.Users.Search;

namespace ReturningAi.Users.Tests;

public sealed class UserSearchReaderTests
{
    private static readonly IReadOnlyList<KnownUserField> Fields =
    [
        Field("aaaaaaaaaaaaaaaaaaaaaaa1", "tier", UserFieldTypes.Select, "Gold", "Silver"),
        Field("aaaaaaaaaaaaaaaaaaaaaaa2", "points", UserFieldTypes.Number),
        Field("aaaaaaaaaaaaaaaaaaaaaaa3", "games", UserFieldTypes.MultiSelect, "Chess", "Go"),
        Field("aaaaaaaaaaaaaaaaaaaaaaa4", "birthday", UserFieldTypes.Date),
        Field("aaaaaaaaaaaaaaaaaaaaaaa5", "vip", UserFieldTypes.Boolean),
        Field("aaaaaaaaaaaaaaaaaaaaaaa6", "customerId", UserFieldTypes.Text),
    ];

    private static KnownUserField Field(string id, string key, string type, params string[] options) =>
        new(id, new UserFieldDefinition(key, key, "", type, options, false, true, false, false, null));

    private static UserSearchRequest Valid(string json)
    {
        var errors = new List<ErrorItem>();
        var request = UserSearchReader.Read(Json.Parse(json), Fields, errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code} {e.Message}")));
        return request!;
    }

    private static List<(string Code, string? Field)> Refused(string json)
    {
        var errors = new List<ErrorItem>();
        Assert.Null(UserSearchReader.Read(Json.Parse(json), Fields, errors));
        return [.. errors.Select(e => (e.Code, e.Field))];
    }

    private static string Describe(SearchCondition c) =>
        $"{c.Column.Name} {c.Operator} {string.Join("|", c.Values.Select(v => v switch
        {
            DateTimeOffset d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }))}";

    [Fact]
    public void The_docs_example_reads_with_defaults()
    {
        var request = Valid("""
            {'fields': ['email', 'first_name', 'join_date', 'tier'],
             'filter': {'join_date': {'gte': '2026-01-01', 'lte': '2026-06-30'}, 'first_name': 'Ada',
                        'points': {'gte': 100}, 'tier': {'in': ['gold', 'silver']}},
             'search': 'ali', 'roles': {'any': ['VIP']}, 'sort': {'by': 'join_date'}, 'page': 1}
            """);

        Assert.Equal(["email", "first_name", "join_date", "tier"], request.Fields!.Select(c => c.Name));
        Assert.Equal(
            ["join_date gte 2026-01-01T00:00:00.0000000+00:00", "join_date lt 2026-07-01T00:00:00.0000000+00:00", "first_name eq Ada",
             "points gte 100", "tier in Gold|Silver"],
            request.Conditions.Select(Describe));
        Assert.Equal("ali", request.Search);
        Assert.Equal(["VIP"], request.Roles!.Any);
        Assert.Null(request.Tags);
        Assert.Equal(["active", "banned"], request.Statuses);
        Assert.Equal(("join_date", true), (request.Sort.Column.Name, request.Sort.Descending));
        Assert.Equal(1, request.Page);
        Assert.Null(request.Cursor);
    }

    [Fact]
    public void A_date_against_a_date_time_column_covers_the_whole_day()
    {
        var request = Valid("{'filter': {'created_at': '2026-03-04', 'updated_at': {'ne': '2026-03-04', 'gt': '2026-01-01', 'lt': '2026-12-01T10:00:00+02:00'}}}");
        Assert.Equal(
            ["created_at gte 2026-03-04T00:00:00.0000000+00:00", "created_at lt 2026-03-05T00:00:00.0000000+00:00",
             "updated_at outside 2026-03-04T00:00:00.0000000+00:00|2026-03-05T00:00:00.0000000+00:00",
             "updated_at gte 2026-01-02T00:00:00.0000000+00:00", "updated_at lt 2026-12-01T08:00:00.0000000+00:00"],
            request.Conditions.Select(Describe));
    }

    [Fact]
    public void Operators_are_typed_by_the_column()
    {
        var request = Valid("""
            {'filter': {'games': {'contains': 'chess', 'all': ['Go', 'go']}, 'vip': true, 'birthday': {'lte': '2000-01-01T23:00:00Z'},
                        'customerId': {'startsWith': 'C-', 'exists': true}, 'points': {'in': [1, 2.50]}, 'email': {'contains': '@x'}}}
            """);
        Assert.Equal(
            ["games in Chess", "games all Go", "vip eq True", "birthday lte 2000-01-01", "customerId startsWith C-", "customerId exists True",
             "points in 1|2.5", "email contains @x"],
            request.Conditions.Select(Describe));
    }

    [Fact]
    public void A_multi_select_compared_exactly_is_its_set_of_options()
    {
        Assert.Equal("games eq Chess|Go", Describe(Valid("{'filter': {'games': ['go', 'Chess']}}").Conditions.Single()));
    }

    [Fact]
    public void Wrong_operators_and_values_name_their_filter()
    {
        Assert.Equal(
            [("invalid_operator", "filter.email"), ("invalid_operator", "filter.vip"), ("invalid_field_value", "filter.tier"),
             ("invalid_field_value", "filter.points"), ("invalid_field_value", "filter.join_date"), ("unknown_field", "filter.nope"),
             ("invalid_operator", "filter.games")],
            Refused("""
                {'filter': {'email': {'gte': 'a'}, 'vip': {'in': [true]}, 'tier': 'Platinum', 'points': {'lt': 'ten'},
                            'join_date': {'gte': 'yesterday'}, 'nope': 1, 'games': {}}}
                """));
    }

    [Fact]
    public void Lists_take_1_to_100_values_and_a_search_at_most_20_conditions()
    {
        Assert.Equal([("invalid_field_value", "filter.points")], Refused("{'filter': {'points': {'in': []}}}"));
        Assert.Equal([("invalid_field_value", "filter.points")],
            Refused($"{{'filter': {{'points': {{'in': [{string.Join(",", Enumerable.Range(0, 101))}]}}}}}}"));
        Assert.Contains(("too_many_conditions", "filter"), Refused($"{{'filter': {{'points': {{'gt': 1}}, 'customerId': {{'exists': true, 'ne': 'a', 'in': ['a'], 'contains': 'a', 'startsWith': 'b'}}, 'email': {{'ne': 'a', 'in': ['b'], 'contains': 'c', 'startsWith': 'd', 'exists': true}}, 'username': {{'ne': 'a', 'in': ['b'], 'contains': 'c', 'startsWith': 'd', 'exists': true}}, 'first_name': {{'ne': 'a', 'in': ['b'], 'contains': 'c', 'startsWith': 'd', 'exists': true}}}}}}"));
    }

    [Fact]
    public void Projection_sort_status_and_labels_are_checked()
    {
        Assert.Equal(
            [("unknown_field", "fields[1]"), ("invalid_operator", "roles.some"), ("invalid_status", "status[1]"), ("unknown_field", "sort.by")],
            Refused("{'fields': ['email', 'age'], 'status': ['active', 'gone'], 'roles': {'some': ['x']}, 'sort': {'by': 'age'}}"));
        Assert.Equal([("invalid_sort", "sort.by")], Refused("{'sort': {'by': 'games'}}"));
        Assert.Equal([("invalid_sort", "sort.order")], Refused("{'sort': {'by': 'points', 'order': 'up'}}"));

        var request = Valid("{'status': 'deleted', 'sort': {'by': 'points', 'order': 'asc'}, 'tags': {'none': ['Spam'], 'all': ['A', 'B']}}");
        Assert.Equal(["deleted"], request.Statuses);
        Assert.Equal(("points", false), (request.Sort.Column.Name, request.Sort.Descending));
        Assert.Equal(["A", "B"], request.Tags!.All);
        Assert.Equal(["Spam"], request.Tags.None);
    }

    [Fact]
    public void Page_and_cursor_never_come_together()
    {
        Assert.Equal([("conflicting_pagination", "cursor")], Refused("{'page': 2, 'cursor': 'abc'}"));
        Assert.Equal([("out_of_range", "page")], Refused("{'page': 0}"));
        Assert.Equal([("invalid_cursor", "cursor")], Refused("{'cursor': 'not-a-cursor'}"));
    }

    [Fact]
    public void A_cursor_continues_only_the_search_it_came_from()
    {
        var first = Valid("{'filter': {'points': {'gte': 1}}, 'page': 1}");
        var cursor = new SearchCursor(2, Json.Parse("5"), "bbbbbbbbbbbbbbbbbbbbbbbb", first.Fingerprint).Encode();

        var next = Valid($"{{'filter': {{'points': {{'gte': 1}}}}, 'cursor': '{cursor}', 'fields': ['email']}}");
        Assert.Equal(2, next.Page);
        Assert.Equal("bbbbbbbbbbbbbbbbbbbbbbbb", next.Cursor!.LastId);
        Assert.Equal(5, next.Cursor.SortValue.GetInt32());

        Assert.Equal([("invalid_cursor", "cursor")], Refused($"{{'filter': {{'points': {{'gte': 2}}}}, 'cursor': '{cursor}'}}"));
    }
}
