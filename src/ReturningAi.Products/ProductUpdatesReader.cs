using System.Text.Json;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Products;

/// <summary>
/// The body of <c>PUT /products/bulk</c>: a raw array of 1–100 objects, each with the <c>_id</c> of the
/// product it changes. The fields themselves are checked by the store, against the product as it is.
/// </summary>
public static class ProductUpdatesReader
{
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
            var field = $"[{index}]._id";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ErrorItem("invalid_type", $"[{index}] must be an object.", $"[{index}]") { Index = index });
            }
            else if (!item.TryGetProperty("_id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                errors.Add(new ErrorItem("required", $"{field} is required: the id of the product to change.", field) { Index = index });
            }
            else if (!ObjectIds.IsValid(id.GetString()))
            {
                errors.Add(new ErrorItem("product_not_found", $"No product '{id.GetString()}' in this community.", field) { Index = index });
            }
            else if (!seen.Add(id.GetString()!))
            {
                errors.Add(new ErrorItem("duplicate_product", $"{field} names a product that an earlier item already changes.", field) { Index = index });
            }
            else
            {
                items.Add(new ProductFieldsUpdate(id.GetString()!, item.GetRawText()));
            }

            index++;
        }

        return (items, errors);
    }
}
