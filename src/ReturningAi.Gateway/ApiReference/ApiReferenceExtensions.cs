using Microsoft.AspNetCore.OpenApi;
using ReturningAi.ServiceDefaults.OpenApi;
using Scalar.AspNetCore;

namespace ReturningAi.Gateway.ApiReference;

/// <summary>The partner API reference: the OpenAPI 3.1 document at <c>/apis/openapi.json</c> and a page at <c>/apis/docs</c>, both public.</summary>
public static class ApiReferenceExtensions
{
    public const string DocumentPath = "/apis/openapi.json";
    public const string PagePath = "/apis/docs";

    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        services.AddHttpClient<ServiceDocuments>();
        services.AddOptions<ApiReferenceOptions>().BindConfiguration(ApiReferenceOptions.SectionName)
            .Validate(o => o.ServerUrl == "/" || (Uri.TryCreate(o.ServerUrl, UriKind.Absolute, out _) && !o.ServerUrl.EndsWith('/')),
                $"{ApiReferenceOptions.SectionName}:ServerUrl must be \"/\" or an absolute URL without a trailing slash.")
            .ValidateOnStart();
        services.Configure<OpenApiOptions>(OpenApiExtensions.DocumentName, options => options.AddDocumentTransformer<PartnerApiDocument>());
        return services;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        // The document changes only with a deployment, so clients and proxies may keep it a while.
        app.MapOpenApi(DocumentPath).AllowAnonymous().AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
            return await next(context);
        });
        // The page's script is served from the package itself (no CDN), so it works offline too; the
        // page calls nothing but our document (no telemetry, fonts, agent or developer tools).
        app.MapScalarApiReference(PagePath, options => options
                .WithTitle("ReturningAi partner API")
                .WithOpenApiRoutePattern(DocumentPath)
                .AddPreferredSecuritySchemes(PartnerApiDocument.ApiKeyHeaderScheme)
                // Every group open, as before the document described its tags.
                .ExpandAllTags()
                .DisableTelemetry()
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .AllowAnonymous();
        return app;
    }
}
