using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ReturningAi.Contracts.Requests;

// The request bodies of the partner API, as the API reference shows them. The services read each
// body field by field (JsonFields) so that every bad field gets its own error item; these records
// describe the same fields for the OpenAPI document and are kept next to each other for that reason.

[Description("Creates a community and its first API key (platform admin only).")]
public sealed record CreateCommunityBody([property: MaxLength(200)] string Name, [property: Description("The community's web address.")] string Url);

[Description("An API key. On update every field is optional; only those sent change.")]
public sealed record ApiKeyBody(
    [property: MaxLength(100)] string Name,
    [property: Description("Any of: store, users, api-keys.")] IReadOnlyList<string> Permissions,
    [property: Description("When the key stops working; null for never.")] DateTimeOffset? ExpiresAt);

[Description("A name: of a role, a tag or a redemption status.")]
public sealed record NameBody([property: MaxLength(200)] string Name);

[Description("A member of the community.")]
public sealed record CreateUserBody([property: MaxLength(100)] string Username, [property: MaxLength(320)] string Email);

[Description("A store category. On update every field is optional.")]
public sealed record CategoryBody([property: MaxLength(200)] string Name, string? Description);

[Description("The store's settings. Every field is optional; only those sent change.")]
public sealed record StoreConfigurationBody(string? CurrencyName, bool? IsStoreOpen);
