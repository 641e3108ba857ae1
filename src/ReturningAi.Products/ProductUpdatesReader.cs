using System.Text.Json;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Products;

/// <summary>
/// The body of <c>PUT /products/bulk</c>: a raw array of 1–100 objects, each naming the product it changes
/// by <c>productID</c> (as the product documents it) or <c>_id</c>; both, differing, is 400. The fields
/// themselves are checked by the store, against the product as it is.
/// </summary>
public static class ProductUpdatesReader
{
    public const string ProductIdField = "productID";

    public static (IReadOnlyList<ProductFieldsUpdate> Items, List<ErrorItem> Errors) Read(JsonElement root)
    {
        var errors = new List<ErrorItem>();
        if (root.ValueKind == JsonValueKind.Object)
        {
            errors.Add(new ErrorItem("object_wrapper", "Send the updates as a raw JSON array, not wrapped in an object.", null));
            return ([], errors);
        }

        if (root.ValueKind != JsonValueKind.Array) errors.Add(new ErrorItem("malformed_json", "The body must be a JSON array of updates.", null));
        else if (root.GetArrayLength() == 0) errors.Add(new ErrorItem("empty", "The array holds no update.", null));
        else if (root.GetArrayLength() > ProductJsonReader.MaxBulkProducts)
        {
            errors.Add(new ErrorItem("too_many_products", $"At most {ProductJsonReader.MaxBulkProducts} products per request.", null));
        }

        if (errors.Count > 0) return ([], errors);

        var items = new List<ProductFieldsUpdate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ErrorItem("invalid_type", $"[{index}] must be an object.", $"[{index}]") { Index = index });
            }
            else if (ReadId(item, index, errors) is { } id)
            {
                if (!seen.Add(id.Value)) errors.Add(new ErrorItem("duplicate_product", $"{id.Field} names a product that an earlier item already changes.", id.Field) { Index = index });
                else items.Add(new ProductFieldsUpdate(id.Value, item.GetRawText()));
            }

            index++;
        }

        return (items, errors);
    }

    /// <summary>The id an item names and the field it came from; null when it names none, or two, or a malformed one (reported).</summary>
    private static (string Value, string Field)? ReadId(JsonElement item, int index, List<ErrorItem> errors)
    {
        string? Read(string name) => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var productId = Read(ProductIdField);
        var id = Read("_id");
        if (productId is not null && id is not null && productId != id)
        {
            errors.Add(new ErrorItem("conflicting_ids", $"[{index}] names two products: productID '{productId}' and _id '{id}'.", $"[{index}].{ProductIdField}") { Index = index });
            return null;
        }

        var (value, field) = productId is not null ? (productId, $"[{index}].{ProductIdField}") : (id, $"[{index}]._id");
        if (value is null)
        {
            errors.Add(new ErrorItem("required", $"[{index}].productID is required: the id of the product to change.", $"[{index}].{ProductIdField}") { Index = index });
            return null;
        }

        if (ObjectIds.IsValid(value)) return (value, field);
        errors.Add(new ErrorItem("product_not_found", $"No product '{value}' in this community.", field) { Index = index });
        return null;
    }
}
