using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Community.Apis;

/// <summary>
/// The docs' paths name the community (<c>/communities/{communityID}/…</c>); the key decides it. Another
/// community's id, or a malformed one, is 404 (CONTRACT §1: never 403).
/// </summary>
internal static class CommunityPath
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var named = http.Request.RouteValues.TryGetValue("communityId", out var value) ? value as string : null;
        return named is not null && named == http.GetGatewayIdentity().CommunityId
            ? await next(context)
            : ApiErrors.NotFound(http, "The community");
    }

    /// <summary>The path's community id in the document (the handlers read the key's community, not this parameter).</summary>
    public static RouteGroupBuilder CommunityPathParameter(this RouteGroupBuilder group) =>
        group.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = "communityId", In = ParameterLocation.Path, Required = true,
                Description = "The id of the API key's community (the docs' path); another community's id is 404.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9a-f]{24}$" },
            });
            return Task.CompletedTask;
        });
}
