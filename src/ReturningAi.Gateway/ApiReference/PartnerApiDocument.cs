using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReturningAi.Contracts.Http;
using ReturningAi.Gateway.Proxy;

namespace ReturningAi.Gateway.ApiReference;

/// <summary>
/// Builds the one partner document: the gateway's own routes (the bulk ones) plus every operation of
/// the Community and Store documents that a gateway route forwards, under its <c>/apis</c> path, with
/// the security it needs and the errors the gateway itself may answer.
/// </summary>
public sealed class PartnerApiDocument(ServiceDocuments services, ILogger<PartnerApiDocument> logger) : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "apiKey";
    public const string PlatformAdminScheme = "platformAdmin";

    /// <summary>What the gateway may answer on any route, before or instead of the service.</summary>
    private static readonly (int Status, string Description, string Code, string Message)[] GatewayErrors =
    [
        (401, "No API key, or an unknown, expired or revoked one.", "invalid_api_key", "The API key is not valid: it is unknown or was revoked."),
        (403, "The key lacks the permission this route needs.", "forbidden", "This API key lacks the 'store' permission."),
        (429, "Too many requests for this key in the current window; see `Retry-After`.", "rate_limited", "Too many requests for this API key; try again in 42 s."),
        (502, "The service behind the gateway is unavailable right now.", "upstream_unavailable", "The store is unreachable right now."),
    ];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ReturningAi partner API",
            Version = "v1",
            Description = "The Returning.AI partner API: rewards store, users and API keys of one community. "
                + "Authenticate with `Authorization: Bearer <API key>`. Every answer is an envelope: "
                + "`{meta, message, data}` on success, `{meta, message, errors}` on failure.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "An API key token of the community (`rai_…`), created with `POST /apis/api-keys` or with the community.",
            },
            [PlatformAdminScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "The platform administrator's token; only for creating communities.",
            },
        };

        // The gateway's own routes (the bulk ones) all take an API key.
        foreach (var operation in document.Paths.Values.SelectMany(item => item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            Secure(document, operation, ApiKeyScheme);
        }

        foreach (var cluster in GatewayRoutes.Clusters)
        {
            await MergeAsync(document, cluster.ClusterId, cancellationToken);
        }

        document.Paths = Sorted(document.Paths);
    }

    private async Task MergeAsync(OpenApiDocument document, string service, CancellationToken cancellationToken)
    {
        OpenApiDocument source;
        try
        {
            source = await services.GetAsync(service, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            // The reference still shows every other service; the gap is logged, not hidden.
            logger.LogWarning(exception, "The {Service} service's API document is unavailable; its routes are missing from the reference", service);
            return;
        }

        foreach (var (servicePath, item) in source.Paths)
        {
            var path = "/apis" + servicePath.TrimEnd('/');
            var forwarded = new OpenApiPathItem { Parameters = item.Parameters, Operations = [] };
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (GatewayRoutes.Find(method.Method, path) is not { } route) continue; // internal routes stay internal
                Secure(document, operation, route.AuthorizationPolicy == GatewayRoutes.PlatformAdminPolicy ? PlatformAdminScheme : ApiKeyScheme);
                forwarded.Operations[method] = operation;
            }

            if (forwarded.Operations.Count > 0) document.Paths[path] = forwarded;
        }

        document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, schema) in source.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            document.Components.Schemas.TryAdd(name, schema);
        }
    }

    private static void Secure(OpenApiDocument document, OpenApiOperation operation, string scheme)
    {
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
        operation.Responses ??= [];
        foreach (var (status, description, code, message) in GatewayErrors)
        {
            if (scheme == PlatformAdminScheme && status == StatusCodes.Status403Forbidden) continue;
            operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(nameof(ErrorEnvelope), document),
                        Example = ErrorExamples.Envelope(status, message, code),
                    },
                },
            });
        }
    }

    private static OpenApiPaths Sorted(OpenApiPaths paths)
    {
        var sorted = new OpenApiPaths();
        foreach (var (path, item) in paths.OrderBy(p => p.Key, StringComparer.Ordinal)) sorted[path] = item;
        return sorted;
    }
}
