using System.Text.Json;

namespace ReturningAi.Users.Fields;

/// <summary>One value a body sets: the field it names (id or key), the raw JSON value and where it sat.</summary>
public sealed record FieldAssignment(string FieldReference, JsonElement Value, string ReferencePath, string ValuePath, int? Index = null);
