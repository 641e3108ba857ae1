using ReturningAi.Contracts.Products;

namespace ReturningAi.ServiceDefaults.OpenApi;

/// <summary>The names schemas take in the document and so in generated clients.</summary>
public static class SchemaNames
{
    /// <summary>The type's name, except the create object, which the reference calls what it is.</summary>
    public static string Of(Type type) => type == typeof(ProductInput) ? "ProductCreate" : type.Name;
}
