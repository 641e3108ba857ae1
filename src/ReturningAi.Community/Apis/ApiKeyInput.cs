using System.Text.Json;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Community.Apis;

/// <summary>
/// The fields of an API key create or update body, validated in one place. On update every field is
/// optional and only the ones sent change; <see cref="ExpiresAtSent"/> tells "no expiry" (null) from "unchanged".
/// </summary>
internal sealed record ApiKeyInput(string? Name, IReadOnlyList<string>? Permissions, DateTimeOffset? ExpiresAt, bool ExpiresAtSent)
{
    public const int MaxNameLength = 100;

    public static (ApiKeyInput Input, List<ErrorItem> Errors) Parse(JsonElement body, bool isUpdate, DateTimeOffset now)
    {
        var errors = new List<ErrorItem>();
        var fields = new JsonFields(body, errors);

        var name = fields.ReadString("name", required: !isUpdate, minLength: 1, maxLength: MaxNameLength);
        var permissions = fields.ReadStringArray("permissions", required: !isUpdate);
        if (permissions is not null)
        {
            for (var i = 0; i < permissions.Count; i++)
            {
                if (!Contracts.ApiKeys.Permissions.IsKnown(permissions[i]))
                {
                    fields.Add("unknown_permission", $"permissions[{i}]",
                        $"'{permissions[i]}' is not a permission; use {string.Join(", ", Contracts.ApiKeys.Permissions.All)}.");
                }
            }

            permissions = [.. permissions.Distinct(StringComparer.Ordinal)];
        }

        var expiresAt = fields.ReadDateTime("expiresAt", out var expiresAtSent);
        if (expiresAt is { } expiry && expiry <= now)
        {
            fields.Add("expiry_in_past", "expiresAt", "expiresAt must be in the future.");
        }

        return (new ApiKeyInput(name, permissions, expiresAt, expiresAtSent), errors);
    }
}
