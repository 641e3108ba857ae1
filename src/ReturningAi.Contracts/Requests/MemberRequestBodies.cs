using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Requests;

// The request bodies of the user, user field and community routes (users.md), for the API reference.
// As in RequestBodies.cs, the services read each body field by field; these records describe it.

[Description("Creates a user. The docs' names: firstname, lastname, displayname.")]
public sealed record UserCreate(
    [property: MaxLength(100)] string Username,
    [property: MaxLength(320)] string Email,
    [property: JsonPropertyName("firstname"), MaxLength(100)] string? FirstName,
    [property: JsonPropertyName("lastname"), MaxLength(100)] string? LastName,
    [property: JsonPropertyName("displayname"), MaxLength(100), Description("Defaults to the username.")] string? DisplayName,
    [property: Description("Optional (brokered sign-in omits it); at least one special character, not the username.")] string? Password,
    [property: Description("Must equal password.")] string? ConfirmPassword,
    [property: Description("Recorded.")] int? AccessLevel,
    [property: Description("Must be true (the default); false is not supported yet.")] bool? JoinServer,
    [property: Description("Recorded; no email is sent.")] bool? SendEmail,
    [property: Description("Recorded; no email is sent.")] bool? EmailPassword,
    [property: Description("Recorded.")] string? EmailTemplate,
    [property: Description("http or https URL, or null.")] string? Avatar,
    [property: Description("Role names (at most 100).")] IReadOnlyList<string>? Roles,
    [property: Description("Tag names (at most 100).")] IReadOnlyList<string>? Tags,
    [property: Description("When the user joined; not in the future. Defaults to now.")] DateTimeOffset? JoinedAt,
    IReadOnlyList<CustomFieldValue>? CustomFields);

[Description("A custom field value: the field's _id or key, and its value (null clears).")]
public sealed record CustomFieldValue(string FieldIdorName, JsonElement Value);

[Description("Changes a user; only the properties sent change. roles, tags, status, joinedAt and password are refused (read_only_field).")]
public sealed record UserUpdate(
    [property: MaxLength(100)] string? Username,
    [property: MaxLength(320)] string? Email,
    [property: JsonPropertyName("firstname"), MaxLength(100)] string? FirstName,
    [property: JsonPropertyName("lastname"), MaxLength(100)] string? LastName,
    [property: JsonPropertyName("displayname"), MaxLength(100)] string? DisplayName,
    string? Avatar,
    int? AccessLevel,
    IReadOnlyList<CustomFieldValue>? CustomFields);

[Description("Finds one user: by idOrEmail (an _id or an email), by username, or by the value of a unique field.")]
public sealed record UserLookup(string? IdOrEmail, string? Username, string? Field, JsonElement? Value);

[Description("Searches the community's users (pages of 200). Columns: email, username, first_name, last_name, display_name, join_date, last_login, created_at, updated_at and custom field keys.")]
public sealed record UserQuery(
    [property: Description("Columns to return beside _id; whole users when absent.")] IReadOnlyList<string>? Fields,
    [property: Description("Column → exact value, or {op: value} with gte, lte, gt, lt, ne, in, all, contains, startsWith, exists.")] JsonElement? Filter,
    [property: MaxLength(100), Description("Part of the username, email or display name.")] string? Search,
    [property: Description("{any, all, none}: lists of role names.")] UserQueryLabels? Roles,
    [property: Description("{any, all, none}: lists of tag names.")] UserQueryLabels? Tags,
    [property: Description("Statuses to include; default active and banned.")] IReadOnlyList<string>? Status,
    UserQuerySort? Sort,
    [property: Description("Page number (pages of 200); not with cursor.")] int? Page,
    [property: Description("meta.nextCursor of the previous page; not with page.")] string? Cursor);

[Description("Users holding any, all or none of these names.")]
public sealed record UserQueryLabels(IReadOnlyList<string>? Any, IReadOnlyList<string>? All, IReadOnlyList<string>? None);

[Description("The order: a column, desc (default) or asc; users without a value last, ties by _id.")]
public sealed record UserQuerySort(string By, [property: Description("asc or desc")] string? Order);

[Description("Bans, unbans, deletes (soft) or restores a user, named by username, _id or email.")]
public sealed record UserManage(
    [property: Description("delete, restore, ban or unban")] string Action,
    [property: Description("The username, _id or email of the user.")] string User,
    [property: MaxLength(500), Description("Required to ban.")] string? Reason,
    [property: Description("restore only: a new username if the old one was taken meanwhile.")] string? Username,
    [property: Description("restore only: a new email if the old one was taken meanwhile.")] string? Email);

[Description("Changes a user's roles or tags: add and remove names, or set the whole list.")]
public sealed record UserLabelsChange(IReadOnlyList<string>? Add, IReadOnlyList<string>? Remove, IReadOnlyList<string>? Set);

[Description("A new custom user field: field (its key), name and type are required.")]
public sealed record UserFieldCreate(
    [property: MaxLength(50), Description("The key: letters, digits, '_' and '-', starting with a letter; spaces become '-'. It never changes.")] string Field,
    [property: MaxLength(100)] string Name,
    [property: MaxLength(500)] string? Description,
    [property: Description("text (single-line-text, multi-line-text), number (numerical), boolean, date, select, multi_select")] string Type,
    [property: Description("select and multi_select: 1–100 distinct options.")] IReadOnlyList<string>? Options,
    bool? Required,
    bool? IsVisible,
    bool? IsEditableByUser,
    [property: Description("text and number only.")] bool? IsUnique,
    [property: Description("Given to users created later.")] JsonElement? DefaultValue);

[Description("A change of a custom user field: name and type are required (as the docs), the rest partial; field, if sent, must be the field's key.")]
public sealed record UserFieldUpdate(
    [property: MaxLength(50)] string? Field,
    [property: MaxLength(100)] string Name,
    [property: MaxLength(500)] string? Description,
    [property: Description("text (single-line-text, multi-line-text), number (numerical), boolean, date, select, multi_select")] string Type,
    IReadOnlyList<string>? Options,
    bool? Required,
    bool? IsVisible,
    bool? IsEditableByUser,
    bool? IsUnique,
    JsonElement? DefaultValue);

[Description("Sets a user's value of one field (null clears it).")]
public sealed record UserFieldValueUpdate(
    JsonElement Value,
    [property: MaxLength(200), Description("Your reference, unique per user and field.")] string? Reference,
    [property: MaxLength(500)] string? Note);

[Description("A dated past change to import; userID, email or username name the user on the community-wide route.")]
public sealed record UserFieldHistoryImportItem(
    string Field,
    JsonElement NewValue,
    DateTimeOffset ChangedAt,
    [property: MaxLength(200)] string? Reference,
    [property: MaxLength(500)] string? Note,
    [property: JsonPropertyName("userID")] string? UserId,
    string? Email,
    string? Username);

[Description("The community's name and addresses; only what is sent changes.")]
public sealed record CommunityUpdate([property: MaxLength(200)] string? Name, [property: MaxLength(100)] string? Uri, string? Domain, string? Url);

[Description("The community's colours, #RGB or #RRGGBB; null resets one to its default.")]
public sealed record CommunityThemeUpdate(string? Primary, string? Secondary, string? Accent, string? Background, string? Surface, string? Text);

[Description("The community bot's name and avatar.")]
public sealed record CommunityBotUpdate([property: MaxLength(32)] string? Name, string? Avatar);

[Description("The community's link preview and visibility settings.")]
public sealed record CommunityMetadataUpdate(CommunityPreviewUpdate? Preview, bool? MembersListVisible, bool? GuestModeEnabled);

[Description("The card shown where the community's link is shared.")]
public sealed record CommunityPreviewUpdate(bool? IsEnabled, [property: MaxLength(100)] string? Title, [property: MaxLength(300)] string? Description, string? Image);

[Description("The incoming webhook for custom user fields: the user by userID or email, and 1–100 values by field key (null clears one).")]
public sealed record IncomingUserFieldsUpdate(
    [property: JsonPropertyName("userID")] string? UserId,
    [property: MaxLength(320)] string? Email,
    IReadOnlyDictionary<string, JsonElement> Fields);

[Description("Whether incoming calls must be encrypted: mode gcm (default) or cbc, key 32 printable ASCII characters (kept, never shown).")]
public sealed record IncomingEncryptionUpdate(bool IsEnabled, string? Mode, [property: MinLength(32), MaxLength(32)] string? Key);
