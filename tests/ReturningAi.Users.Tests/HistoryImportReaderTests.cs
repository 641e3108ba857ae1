using ReturningAi.Contracts.Http;
using ReturningAi.Users.History;

namespace ReturningAi.Users.Tests;

public sealed class HistoryImportReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Items_read_in_order_with_their_index()
    {
        var errors = new List<ErrorItem>();
        var items = HistoryImportReader.Read(Json.Parse("""
            [{'field': 'tier', 'newValue': 'Gold', 'changedAt': '2026-01-01T00:00:00Z', 'reference': 'r1', 'note': 'n'},
             {'field': 'tier', 'newValue': null, 'changedAt': '2026-02-01'}]
            """), namesUser: false, Now, errors)!;

        Assert.Empty(errors);
        Assert.Equal([0, 1], items.Select(i => i.Index));
        Assert.Equal(new ChangeNote("r1", "n"), items[0].Note);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items[1].NewValue.ValueKind);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), items[1].ChangedAt);
    }

    [Fact]
    public void One_object_is_a_list_of_one()
    {
        var errors = new List<ErrorItem>();
        Assert.Single(HistoryImportReader.Read(Json.Parse("{'field': 'f', 'newValue': 1, 'changedAt': '2026-01-01'}"), false, Now, errors)!);
    }

    [Fact]
    public void Problems_name_their_item_and_the_whole_import_is_refused()
    {
        var errors = new List<ErrorItem>();
        var items = HistoryImportReader.Read(Json.Parse("""
            [{'field': 'f', 'newValue': 1, 'changedAt': '2026-01-01'},
             {'field': 'f', 'changedAt': '2027-01-01', 'reference': '{{long}}'},
             {'newValue': 1, 'changedAt': '2026-01-01', 'userID': 'a', 'email': 'b@c.de'}]
            """.Replace("{{long}}", new string('r', 201))), namesUser: true, Now, errors);

        Assert.Null(items);
        Assert.Equal(
            [(0, "user_identifier_required", "[0].userID"), (1, "required", "[1].newValue"), (1, "invalid_changed_at", "[1].changedAt"),
             (1, "invalid_length", "[1].reference"), (1, "user_identifier_required", "[1].userID"), (2, "required", "[2].field"),
             (2, "user_identifier_required", "[2].userID")],
            errors.Select(e => (e.Index!.Value, e.Code, e.Field!)).OrderBy(e => e.Item1));
    }

    [Fact]
    public void An_empty_or_over_long_import_is_refused()
    {
        var errors = new List<ErrorItem>();
        Assert.Null(HistoryImportReader.Read(Json.Parse("[]"), false, Now, errors));
        var many = "[" + string.Join(",", Enumerable.Repeat("{'field': 'f', 'newValue': 1, 'changedAt': '2026-01-01'}", 1001)) + "]";
        Assert.Null(HistoryImportReader.Read(Json.Parse(many), false, Now, errors));
        Assert.Equal(["empty", "too_many_items"], errors.Select(e => e.Code));
    }
}
