using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using Microsoft.OpenApi;
using ReturningAi.Lists;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Products;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Store.Apis;

/// <summary>The product routes the gateway proxies (the bulk ones travel over the bus instead).</summary>
public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Products");
        products.MapGet("/", ListProducts).WithName("listProducts").WithSummary("List products, newest first").ListParameters(List)
            .QueryParameter("categoryName", JsonSchemaType.String, "Only products of the category of this name (the older filter; see filter=categoryID:).")
            .QueryParameter("isArchived", JsonSchemaType.Boolean, "Only archived (true) or unarchived (false) products (the older filter).").Returns<IReadOnlyList<ProductDto>>().Errors(400);
        products.MapPost("/", CreateProduct).WithName("createProduct").WithSummary("Create a product").Body<ProductInput>().Returns<ProductDto>(201).Errors(400, 409);
        products.MapGet("/{productId}", GetProduct).WithName("getProduct").WithSummary("Read a product").FieldsParameter<ProductDto>().Returns<ProductDto>().Errors(400, 404);
        products.MapPut("/{productId}", UpdateProduct).WithName("updateProduct")
            .WithSummary("Update a product").WithDescription("Any subset of the create object's fields; `vouchers` are appended (with `voucherExpireDate`).")
            .Body<Contracts.Requests.ProductUpdate>().Returns<ProductDto>().Errors(400, 404, 409);
        products.MapDelete("/{productId}", DeleteProduct).WithName("deleteProduct").WithSummary("Delete a product").Returns<ProductDto>().Errors(404);
        return app;
    }

    /// <summary>The product list: the list grammar, plus the older <c>categoryName</c> and <c>isArchived</c> parameters.</summary>
    public static readonly ListDefinition<Model.Product, ProductDto> List = new ListDefinition<Model.Product, ProductDto>()
        .Sort("name", p => p.Name).Sort("price", p => p.Price).Sort("discountPrice", p => p.DiscountPrice)
        .Sort("isDiscountEnabled", p => p.IsDiscountEnabled).Sort("discountStartDate", p => p.DiscountStartDate)
        .Sort("discountEndDate", p => p.DiscountEndDate).Sort("isArchived", p => p.IsArchived).Sort("totalOrders", p => StoreDbContext.ProductTotalOrders(p.Id))
        .Sort("isProductAccessEnabled", p => p.IsProductAccessEnabled).Sort("createdAt", p => p.CreatedAt).Sort("updatedAt", p => p.UpdatedAt)
        .Filter("categoryID", p => p.CategoryId).Filter("isArchived", p => p.IsArchived)
        .Search(p => p.Name)
        .OrderBy("createdAt", descending: true).Tiebreak(p => p.Id, descending: true);

    public static async Task<IResult> ListProducts(
        HttpContext http, StoreDbContext db, ProductReader reader, string? categoryName, string? isArchived, CancellationToken cancellationToken)
    {
        var list = List.Read(http.Request);
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var (query, errors) = List.Where(db.Products.AsNoTracking().Where(p => p.CommunityId == communityId), list);
        var allErrors = list.Errors.Concat(errors).ToList();
        if (!string.IsNullOrEmpty(isArchived))
        {
            if (bool.TryParse(isArchived, out var archived)) query = query.Where(p => p.IsArchived == archived);
            else allErrors.Add(new ErrorItem("invalid_query", "isArchived must be true or false.", "isArchived"));
        }

        if (allErrors.Count > 0) return ApiErrors.Validation(http, allErrors);
        if (!string.IsNullOrWhiteSpace(categoryName))
        {
            var key = NameKey.Normalize(categoryName);
            query = query.Where(p => db.Categories.Any(c => c.Id == p.CategoryId && c.NormalizedName == key));
        }

        return await List.PageAsync(http, query, list, "Read products success.",
            async items => await reader.ToDtosAsync(items, cancellationToken), cancellationToken);
    }

    public static async Task<IResult> GetProduct(string productId, HttpContext http, StoreDbContext db, ProductReader reader, CancellationToken cancellationToken)
    {
        var product = await FindAsync(db, http, productId, tracked: false, cancellationToken);
        return product is null
            ? ApiErrors.NotFound(http, "The product")
            : FieldProjection.Success(http, "Read product success.", (await reader.ToDtosAsync([product], cancellationToken))[0]);
    }

    public static async Task<IResult> CreateProduct(HttpContext http, ProductCreator creator, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var input = ProductJsonReader.ReadOne(document!.RootElement, errors);
        if (input is null) return ApiErrors.Validation(http, ProductErrors.Capped(errors));

        var outcome = await creator.CreateAsync(http.GetGatewayIdentity().CommunityId!, [input], isBulk: false, dryRun: false, commandId: null,
            http.GetRequestId(), cancellationToken);
        return outcome.Rejected is { } rejected
            ? ApiErrors.Result(http, rejected.StatusCode, rejected.Message, rejected.Errors)
            : ApiResults.Success("Create product success.", outcome.Succeeded!.Products[0], StatusCodes.Status201Created);
    }

    public static async Task<IResult> UpdateProduct(string productId, HttpContext http, ProductUpdater updater, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsValid(productId)) return ApiErrors.NotFound(http, "The product");
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var (products, status, message, errors) = await updater.UpdateAsync(
            http.GetGatewayIdentity().CommunityId!, [new ProductUpdate(productId, document!.RootElement, MergeNested: true)], isBulk: false, cancellationToken);
        if (status == StatusCodes.Status404NotFound) return ApiErrors.NotFound(http, "The product");
        return products is null
            ? ApiErrors.Result(http, status, message, ProductErrors.Capped(errors))
            : ApiResults.Success("Update product success.", products[0]);
    }

    public static async Task<IResult> DeleteProduct(string productId, HttpContext http, StoreDbContext db, ProductReader reader, CancellationToken cancellationToken)
    {
        var product = await FindAsync(db, http, productId, tracked: true, cancellationToken);
        if (product is null) return ApiErrors.NotFound(http, "The product");

        var dto = (await reader.ToDtosAsync([product], cancellationToken))[0];
        // Vouchers go with it (the foreign key cascades).
        db.Products.Remove(product);
        await db.SaveChangesAsync(cancellationToken);
        return ApiResults.Success("Delete product success.", dto);
    }

    private static Task<Model.Product?> FindAsync(StoreDbContext db, HttpContext http, string id, bool tracked, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsValid(id)) return Task.FromResult<Model.Product?>(null);
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var query = tracked ? db.Products : db.Products.AsNoTracking();
        return query.SingleOrDefaultAsync(p => p.Id == id && p.CommunityId == communityId, cancellationToken);
    }
}
