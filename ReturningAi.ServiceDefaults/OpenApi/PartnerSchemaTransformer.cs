using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Products;
using ReturningAi.Contracts.Requests;
using ReturningAi.Contracts.Store;

namespace ReturningAi.ServiceDefaults.OpenApi;

/// <summary>
/// What the generated schemas cannot tell from the types alone, so that client generators make real
/// types: date-times typed as strings (the millisecond converter hides their type), the closed sets of
/// values as enums, and which fields a request must send (create bodies) or may leave out (updates).
/// </summary>
public sealed class PartnerSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<string, IReadOnlyList<string>> EnumsByProperty = new(StringComparer.Ordinal)
    {
        ["accessLevel"] = ProductValues.AccessLevels,
        ["timeframe"] = ProductValues.Timeframes,
        ["intervalUnit"] = ProductValues.IntervalUnits,
        ["viewType"] = ProductValues.ViewTypes,
    };

    private static readonly Dictionary<Type, IReadOnlyList<string>> TypeEnumsByDeclaringType = new()
    {
        [typeof(PermissionEntry)] = ProductValues.PermissionTypes,
        [typeof(CategoryPermissionEntry)] = ProductValues.PermissionTypes,
        [typeof(CombinationItem)] = ProductValues.CombinationTypes,
    };

    private static readonly Dictionary<Type, string[]> RequiredByType = new()
    {
        [typeof(ProductInput)] = ["name", "price", "categoryName", "vouchers"],
        [typeof(CategoryCreate)] = ["name"],
        [typeof(ApiKeyCreate)] = ["name", "permissions"],
        [typeof(PermissionEntry)] = ["type"],
        [typeof(CategoryPermissionEntry)] = ["type"],
        [typeof(CombinationItem)] = ["type", "values"],
        // The user is one of userID and email; the status one of statusName and statusID (rewards.md §3-5).
        [typeof(WalletTransactionBody)] = ["operation", "amount", "reason"],
        [typeof(PurchaseBody)] = ["productID"],
        [typeof(OrderStatusChangeBody)] = [],
        [typeof(OrdersByEmailBody)] = ["email"],
        [typeof(TransactionStatusBody)] = ["transactionId", "statusId"],
        [typeof(PurchaseUserInformation)] = [],
    };

    /// <summary>Present on every product the API returns except a dry run's previews.</summary>
    private static readonly string[] AbsentFromPreviews = ["_id", "createdAt", "updatedAt"];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(DateTimeOffset) || Nullable.GetUnderlyingType(type) == typeof(DateTimeOffset))
        {
            schema.Type = Nullable.GetUnderlyingType(type) is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }

        if (context.JsonPropertyInfo is { } property)
        {
            // By name, for text only: a user's accessLevel is a number, a product entry's a word.
            if ((EnumsByProperty.TryGetValue(property.Name, out var values) && property.PropertyType == typeof(string))
                || (property.Name == "type" && TypeEnumsByDeclaringType.TryGetValue(property.DeclaringType, out values)))
            {
                schema.Enum = Values(values);
            }
            else if (property.Name == "permissions" && schema.Items is OpenApiSchema items)
            {
                items.Enum = Values(Permissions.All);
            }
        }

        if (RequiredByType.TryGetValue(type, out var required))
        {
            schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
        }
        else if (type.Name.EndsWith("Update", StringComparison.Ordinal) || type.Name.EndsWith("UpdateItem", StringComparison.Ordinal)
                 || type == typeof(StoreConfigurationBody))
        {
            schema.Required = null;
        }
        else if (type == typeof(ProductDto))
        {
            schema.Required?.ExceptWith(AbsentFromPreviews);
        }

        return Task.CompletedTask;
    }

    private static List<JsonNode> Values(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
}
