using System.Text.Json;
using MassTransit;
using Microsoft.Net.Http.Headers;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using ReturningAi.Gateway.Authentication;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// <c>POST /apis/products/bulk</c>: the gateway reads and shape-checks the body itself, so that bad
/// input never travels, then hands the products to the store as <c>PRODUCT_EVENTS.CREATE_PRODUCTS</c>.
/// </summary>
public static class ProductsBulkApi
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    public static IEndpointRouteBuilder MapProductsBulkApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/apis/products/bulk", CreateProducts).RequireAuthorization(Permissions.Store);
        return app;
    }

    public static async Task<IResult> CreateProducts(
        HttpContext http, IRequestClient<CreateProducts> client, StoreCommandSender sender, string? dryRun)
    {
        var isDryRun = string.Equals(dryRun, "true", StringComparison.OrdinalIgnoreCase);
        var read = await ReadBodyAsync(http);
        if (read.Error is not null) return read.Error;
        if (!read.Products!.Succeeded) return ApiErrors.Validation(http, read.Products.Errors);

        var command = new CreateProducts(http.User.FindFirst(GatewayClaims.CommunityId)!.Value, http.GetRequestId(), read.Products.Products, isDryRun);
        return await sender.SendAsync<CreateProducts, CreateProductsSucceeded>(http, client, command, succeeded => succeeded.DryRun
            ? ApiResults.Success(ApiMeta.Success(StatusCodes.Status200OK) with { DryRun = true, WouldCreate = succeeded.Products.Count },
                "Dry run: nothing was created.", succeeded.Products)
            : ApiResults.Success(ApiMeta.Success(StatusCodes.Status201Created) with { Created = succeeded.Products.Count },
                "Create products success.", succeeded.Products));
    }

    private static async Task<(ProductsReadResult? Products, IResult? Error)> ReadBodyAsync(HttpContext http)
    {
        var contentType = http.Request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiErrors.Result(http, StatusCodes.Status400BadRequest, "unsupported_media_type",
                "Send the products as application/json (a raw array) or multipart/form-data (a CSV in the field 'file')."));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, JsonOptions, http.RequestAborted);
            return (ProductJsonReader.ReadBulk(document.RootElement), null);
        }
        catch (JsonException exception)
        {
            return (null, ApiErrors.Result(http, StatusCodes.Status400BadRequest, "malformed_json",
                $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})."));
        }
    }
}
