using System.Text.Json.Nodes;
using ReturningAi.Contracts.Communities;
using ReturningAi.Contracts.Members;

namespace ReturningAi.Community.Apis;

/// <summary>The examples the API document shows for the user, user field and community routes.</summary>
internal static class MemberExamples
{
    public const string CommunityId = "6650c9e514a3e564c5c09c0a";
    public const string UserId = "6650ca1f14a3e564c5c09c11";
    public const string FieldId = "6650ca0a14a3e564c5c09c0e";
    private const string KeyId = "6650c9e514a3e564c5c09c0b";

    private static readonly DateTimeOffset Created = new(2026, 5, 24, 10, 0, 0, TimeSpan.Zero);

    public static CreatorInfo Creator { get; } = new(CreatorInfo.ApiKey, KeyId, null, "CRM sync", null);

    public static UserDto User { get; } = new(UserId, CommunityId, "ada_lovelace_123", "ada@example.com", "Ada", "Lovelace", "Ada Lovelace", null,
        ["VIP"], ["Newsletter"], "active", null, Created, null,
        new Dictionary<string, JsonNode?> { ["customerid"] = "C-1001", ["tier"] = "Gold", ["points"] = 1250 }, Created, Created.AddMinutes(5));

    public static object UserCreate { get; } = new
    {
        firstname = "Ada", lastname = "Lovelace", username = "ada_lovelace_123", displayname = "Ada Lovelace", email = "ada@example.com",
        accessLevel = 1, joinServer = true, sendEmail = false, emailPassword = false, roles = new[] { "VIP" }, tags = new[] { "Newsletter" },
        customFields = new object[] { new { fieldIdorName = "customerid", value = "C-1001" }, new { fieldIdorName = "tier", value = "gold" } },
    };

    public static object UserUpdate { get; } = new
    {
        displayname = "Countess Ada", customFields = new object[] { new { fieldIdorName = "points", value = 1250 } },
    };

    public static object SearchBody { get; } = new
    {
        fields = new[] { "email", "first_name", "join_date", "tier" },
        filter = new Dictionary<string, object>
        {
            ["join_date"] = new { gte = "2026-01-01", lte = "2026-06-30" }, ["first_name"] = "Ada",
            ["points"] = new { gte = 100 }, ["tier"] = new { @in = new[] { "gold", "silver" } },
        },
        search = "ada", roles = new { any = new[] { "VIP" } }, sort = new { by = "join_date" }, page = 1,
    };

    public static UserSearchPage SearchPage { get; } = new(new UserSearchMeta("success", 200, 1, 200, 1, 1, null), "Get users success.",
        [new JsonObject { ["_id"] = UserId, ["email"] = "ada@example.com", ["first_name"] = "Ada", ["join_date"] = "2026-05-24T10:00:00Z", ["tier"] = "Gold" }]);

    public static AccountActionDto AccountAction { get; } = new("6650cb0014a3e564c5c09c20", UserId, "ban", "Spam in the lobby", "active", "banned",
        Creator, Created.AddDays(1));

    public static ManageResultDto ManageResult { get; } = new("ban",
        User with { Status = "banned", StatusReason = "Spam in the lobby" }, new AccountStateDto("banned", "Spam in the lobby"), AccountAction);

    public static UserFieldDto Field { get; } = new(FieldId, CommunityId, "tier", "Tier", "Loyalty tier from the CRM", "select",
        ["Gold", "Silver", "Bronze"], false, true, false, false, "Bronze", Creator, Created, Created);

    public static object FieldBody { get; } = new
    {
        field = "tier", name = "Tier", description = "Loyalty tier from the CRM", type = "select", options = new[] { "Gold", "Silver", "Bronze" },
        required = false, isVisible = true, isEditableByUser = false, isUnique = false, defaultValue = "Bronze",
    };

    public static object FieldUpdateBody { get; } = new { name = "Loyalty tier", type = "select", options = new[] { "Gold", "Silver", "Bronze", "Platinum" } };

    public static object UserLabelsChange { get; } = new { add = new[] { "VIP" }, remove = new[] { "Guest" } };

    public static UserFieldValueDto Value { get; } = new(UserId, FieldId, "tier", "select", "Gold", Created.AddHours(2));

    public static IncomingUserFieldsDto IncomingUserFields { get; } =
        new(UserId, new Dictionary<string, JsonNode?> { ["customerid"] = "C-1001", ["deposit-amount"] = 250, ["tier"] = "Gold" });

    public static UserFieldHistoryItemDto HistoryItem { get; } = new("6650cc0014a3e564c5c09c30", CommunityId, UserId, FieldId, "tier", "Silver", "Gold",
        "api", "crm-change-8812", "Upgraded after the May campaign", true, Creator, Created.AddHours(2), Created.AddHours(2));

    public static object HistoryImportBody { get; } = new object[]
    {
        new { field = "tier", newValue = "Silver", changedAt = "2025-01-15T09:00:00Z", reference = "crm-1", note = "Imported from the old CRM" },
        new { field = "tier", newValue = "Gold", changedAt = "2025-06-01T09:00:00Z", reference = "crm-2" },
    };

    public static CommunityDto Community { get; } = new(CommunityId, "Acme Gaming", "https://acme.example", "acme", "community.acme.example",
        CommunityTheme.Default, new CommunityBot("Acme Bot", null),
        new CommunityMeta(new CommunityPreview(true, "Acme Gaming", "Play, earn, redeem.", null), true, false), Created, Created);
}
