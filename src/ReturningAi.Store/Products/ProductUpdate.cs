using System.Text.Json;

namespace ReturningAi.Store.Products;

/// <summary>
/// One item of an update: the product's id and the fields sent (a JSON object; only those change).
/// <paramref name="MergeNested"/>: nested objects change field by field instead of being replaced whole.
/// </summary>
public sealed record ProductUpdate(string Id, JsonElement Fields, bool MergeNested);
