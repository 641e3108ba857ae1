using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReturningAi.Contracts.Members;
using ReturningAi.Contracts.Requests;
using ReturningAi.Users;
using ReturningAi.Users.Accounts;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Apis;

/// <summary>
/// The closed sets of the user routes as enums (field types, statuses, account actions, history
/// sources, creator types) and the fields their bodies must send, so that generated clients get real
/// types; after the shared <c>PartnerSchemaTransformer</c>.
/// </summary>
internal sealed class MemberSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly IReadOnlyList<string> CreatorTypes = [CreatorInfo.ApiKey, CreatorInfo.User, CreatorInfo.SystemType];

    private static readonly Dictionary<(Type Type, string Property), IReadOnlyList<string>> Enums = new()
    {
        [(typeof(UserFieldCreate), "type")] = UserFieldTypes.AcceptedNames,
        [(typeof(UserFieldUpdate), "type")] = UserFieldTypes.AcceptedNames,
        [(typeof(UserFieldDto), "type")] = UserFieldTypes.All,
        [(typeof(UserFieldValueDto), "type")] = UserFieldTypes.All,
        [(typeof(UserDto), "status")] = UserRules.Statuses,
        [(typeof(AccountStateDto), "status")] = UserRules.Statuses,
        [(typeof(AccountActionDto), "fromStatus")] = UserRules.Statuses,
        [(typeof(AccountActionDto), "toStatus")] = UserRules.Statuses,
        [(typeof(AccountActionDto), "action")] = AccountActions.All,
        [(typeof(UserManage), "action")] = AccountActions.All,
        [(typeof(UserFieldHistoryItemDto), "source")] = HistorySources.All,
        [(typeof(CreatorInfo), "type")] = CreatorTypes,
        [(typeof(UserQuerySort), "order")] = ["asc", "desc"],
    };

    private static readonly Dictionary<Type, string[]> Required = new()
    {
        [typeof(UserCreate)] = ["username", "email"],
        [typeof(UserFieldCreate)] = ["field", "name", "type"],
        [typeof(UserFieldUpdate)] = ["name", "type"],
        [typeof(UserFieldValueUpdate)] = ["value"],
        [typeof(UserFieldHistoryImportItem)] = ["field", "newValue", "changedAt"],
        [typeof(UserManage)] = ["action", "user"],
        [typeof(CustomFieldValue)] = ["fieldIdorName", "value"],
        [typeof(UserQuerySort)] = ["by"],
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // A custom field's value: any JSON value but null (which the properties holding one allow beside it).
        if (context.JsonTypeInfo.Type == typeof(JsonNode))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean | JsonSchemaType.Array | JsonSchemaType.Object;
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        if (context.JsonPropertyInfo is { } property && Enums.TryGetValue((property.DeclaringType, property.Name), out var values))
        {
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }

        if (Required.TryGetValue(context.JsonTypeInfo.Type, out var required))
        {
            schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
        }
        else if (context.JsonTypeInfo.Type.Namespace == typeof(UserCreate).Namespace && context.JsonTypeInfo.Type.Name.StartsWith("User", StringComparison.Ordinal)
                 || context.JsonTypeInfo.Type.Name.StartsWith("Community", StringComparison.Ordinal) && context.JsonTypeInfo.Type.Name.EndsWith("Update", StringComparison.Ordinal))
        {
            // The other user and community bodies are partial or pick one of several forms.
            schema.Required = null;
        }

        return Task.CompletedTask;
    }
}
