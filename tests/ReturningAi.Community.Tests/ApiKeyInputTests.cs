using System.Text.Json;
using ReturningAi.Community.Apis;

namespace ReturningAi.Community.Tests;

public sealed class ApiKeyInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static (ApiKeyInput Input, IReadOnlyList<Contracts.Http.ErrorItem> Errors) Parse(string json, bool isUpdate = false) =>
        ApiKeyInput.Parse(JsonDocument.Parse(json).RootElement, isUpdate, Now);

    [Fact]
    public void A_valid_create_body_is_read_with_permissions_deduplicated()
    {
        var (input, errors) = Parse("""{"name": " Import ", "permissions": ["store", "users", "store"], "expiresAt": "2027-01-01T00:00:00Z"}""");

        Assert.Empty(errors);
        Assert.Equal("Import", input.Name);
        Assert.Equal(["store", "users"], input.Permissions);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), input.ExpiresAt);
    }

    [Fact]
    public void Create_needs_a_name_and_permissions()
    {
        var (_, errors) = Parse("{}");

        Assert.Equal([("required", "name"), ("required", "permissions")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var (_, errors) = Parse("""{"name": "", "permissions": ["store", "root", 7], "expiresAt": "2026-11-25T11:59:59Z"}""");

        Assert.Equal(
            [("invalid_length", "name"), ("invalid_type", "permissions[2]"), ("unknown_permission", "permissions[1]"), ("expiry_in_past", "expiresAt")],
            errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Update_changes_only_what_is_sent_and_tells_no_expiry_from_unchanged()
    {
        var (unchanged, errors) = Parse("""{"name": "Renamed"}""", isUpdate: true);
        Assert.Empty(errors);
        Assert.Null(unchanged.Permissions);
        Assert.False(unchanged.ExpiresAtSent);

        var (cleared, _) = Parse("""{"expiresAt": null}""", isUpdate: true);
        Assert.True(cleared.ExpiresAtSent);
        Assert.Null(cleared.ExpiresAt);
    }
}
