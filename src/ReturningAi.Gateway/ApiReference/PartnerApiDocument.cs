using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Gateway.Proxy;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Gateway.ApiReference;

/// <summary>
/// Builds the one partner document: the gateway's own routes (the bulk ones) plus every operation of
/// the Community and Store documents that a gateway route forwards, under its <c>/apis</c> path, with
/// the security and permission it needs and the errors the gateway itself may answer (shared responses).
/// </summary>
public sealed class PartnerApiDocument(ServiceDocuments services, IOptions<ApiReferenceOptions> options, ILogger<PartnerApiDocument> logger)
    : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "apiKey";
    public const string ApiKeyHeaderScheme = "apiKeyHeader";
    public const string PlatformAdminScheme = "platformAdmin";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["API keys"] = "The community's API keys: tokens shown once, permissions, expiry.",
        ["Bulk operations"] = "Jobs that apply a CSV in the background: upload, watch the job, read its rows' outcomes, fix the errors file and upload it again.",
        ["Categories"] = "Store categories: what products are grouped by, with cover, view type, order and permissions.",
        ["Communities"] = "The platform bootstrap: a community and its first key.",
        ["Products"] = "The rewards store's products and their vouchers, one at a time or in bulk (JSON or CSV).",
        ["Purchase history"] = "Edits of an order's purchase history: its redemption instructions and its voucher.",
        ["Purchases"] = "Buying a product for a user: one voucher, one order, one debit of the user's wallet.",
        ["Redemption orders"] = "The orders purchases make: lists, status changes (refunds among them) and each order's status history.",
        ["Redemption statuses"] = "The statuses a redemption order can take; products and categories name them.",
        ["Roles"] = "The community's roles; product and category permissions name them.",
        ["Store configuration"] = "The store's title, cover, currency, call to action and translations.",
        ["Tags"] = "The community's tags; product and category permissions name them.",
        ["Users"] = "The community's members; permissions name them by username.",
        ["Wallets"] = "Each user's points in the store's currency, changed only by immutable ledger entries.",
        ["Webhooks"] = "Signed (Standard Webhooks v1) and optionally encrypted events sent to the partner's endpoints, with retries and a delivery log.",
    };

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ReturningAi partner API",
            Version = "v1",
            Description = "The Returning.AI partner API: rewards store, users, bulk jobs, API keys and webhooks of one community. "
                + "Authenticate with `x-api-key: <API key>` or `Authorization: Bearer <API key>`. Every answer is an envelope: "
                + "`{meta, message, data}` on success, `{meta, message, errors}` on failure. Lists take `skip`, `limit`, `sort`, "
                + "`fields`, `search=keyword:` and `filter=field:value`.",
            Contact = new OpenApiContact { Name = "ReturningAi", Url = new Uri("https://returning.ai") },
            License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://returning.ai") },
        };
        // Never the request's Host: the document names its server from configuration, or as the relative root.
        document.Servers = [new OpenApiServer { Url = options.Value.ServerUrl, Description = "The gateway serving this document." }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyHeaderScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-api-key",
                Description = "An API key token of the community (`rai_…`), as the product documents it.",
            },
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "The same API key token in `Authorization: Bearer`. Sending both headers with different keys is 401.",
            },
            [PlatformAdminScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "The platform administrator's token; only for creating communities.",
            },
        };
        GatewayResponses.AddTo(document);

        // The gateway's own routes (the bulk ones) say their permission in their endpoint metadata.
        var ownPolicies = context.DescriptionGroups.SelectMany(g => g.Items).ToDictionary(
            d => (d.HttpMethod ?? "", "/" + d.RelativePath),
            d => d.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault());
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                Secure(document, operation, ownPolicies.GetValueOrDefault((method.Method, path)));
            }
        }

        foreach (var cluster in GatewayRoutes.Clusters)
        {
            await MergeAsync(document, cluster.ClusterId, cancellationToken);
        }

        document.Paths = Sorted(document.Paths);
        document.Tags = new HashSet<OpenApiTag>(document.Paths.Values
            .SelectMany(item => item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name, name) }));
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
                Secure(document, operation, route.AuthorizationPolicy);
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

    /// <summary>The operation's security, the permission it needs (in its description and its 403) and the gateway's own errors.</summary>
    private static void Secure(OpenApiDocument document, OpenApiOperation operation, string? policy)
    {
        var isAdmin = policy == GatewayRoutes.PlatformAdminPolicy;
        operation.Security = isAdmin
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(PlatformAdminScheme, document)] = [] }]
            :
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyHeaderScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
            ];
        operation.Responses ??= [];
        GatewayResponses.Reference(document, operation);
        if (isAdmin)
        {
            operation.Description = "Needs the platform admin token (a secret of the deployment), not an API key.";
            return;
        }

        var incomingKeyToo = GatewayRoutes.IncomingKeyPolicies.TryGetValue(policy ?? "", out var besideIncomingKey);
        var permission = incomingKeyToo ? besideIncomingKey : Permissions.IsKnown(policy ?? "") ? policy : null;
        var needs = permission is null
            ? "Any valid API key may call this route."
            : $"Needs the `{permission}` permission{Granted(permission)}"
              + (incomingKeyToo ? ", or the community's incoming webhook key (`POST /webhooks/incoming/api-key`) in `x-api-key`." : ".");
        operation.Description = string.IsNullOrEmpty(operation.Description) ? needs : operation.Description.TrimEnd() + "\n\n" + needs;
        if (permission is null) return;

        var forbidden = ErrorExamples.Envelope(403, $"This API key lacks the '{permission}' permission.", "forbidden");
        var status403 = StatusCodes.Status403Forbidden.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(status403, out var own) && own.Content?.TryGetValue("application/json", out var ownMedia) == true
            && ownMedia.Examples is { Count: > 0 } refusals)
        {
            // The service refuses with 403 too (a purchase for a banned user): its examples stay beside the key's.
            refusals["forbidden"] = new OpenApiExample { Summary = "forbidden", Value = forbidden };
            if (own is OpenApiResponse described) described.Description = $"The key lacks the `{permission}` permission, or the service refuses (see the examples).";
        }
        else
        {
            operation.Responses[status403] = new OpenApiResponse
            {
                Description = $"The key lacks the `{permission}` permission.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(ErrorEnvelope), document), Example = forbidden },
                },
            };
        }

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-required-permission"] = new JsonNodeExtension(JsonValue.Create(permission));
    }

    private static string Granted(string permission)
    {
        var umbrellas = Permissions.Umbrellas.Where(u => u.Value.Contains(permission, StringComparer.Ordinal)).Select(u => $"`{u.Key}`").ToList();
        return umbrellas.Count == 0 ? "" : $" (or {string.Join(" or ", umbrellas)}, which grants it)";
    }

    private static OpenApiPaths Sorted(OpenApiPaths paths)
    {
        var sorted = new OpenApiPaths();
        foreach (var (path, item) in paths.OrderBy(p => p.Key, StringComparer.Ordinal)) sorted[path] = item;
        return sorted;
    }
}
