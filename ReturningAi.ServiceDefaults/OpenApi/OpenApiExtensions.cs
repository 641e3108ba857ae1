using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using ReturningAi.Contracts.Products;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReturningAi.ServiceDefaults.OpenApi;

/// <summary>
/// Each service describes its own routes (OpenAPI 3.1, from the endpoints and their metadata); the
/// gateway gathers them into the one partner document it serves at <c>/apis/openapi.json</c>.
/// </summary>
public static class OpenApiExtensions
{
    public const string DocumentName = "v1";

    /// <summary>Where a service serves its document; behind the gateway token like every other route.</summary>
    public const string ServiceDocumentPath = "/openapi/" + DocumentName + ".json";

    public static TBuilder AddApiDocument<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddSchemaTransformer<PartnerSchemaTransformer>();
            // The create object is named for what it is in the reference and in generated clients.
            options.CreateSchemaReferenceId = type => type.Type == typeof(ProductInput)
                ? SchemaNames.Of(type.Type)
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        });
        return builder;
    }

    public static WebApplication MapServiceApiDocument(this WebApplication app)
    {
        app.MapOpenApi(ServiceDocumentPath);
        return app;
    }
}
