using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Store;
using ReturningAi.Lists;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Contracts.Requests;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Store.Apis;

public static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var categories = app.MapGroup("/categories").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Categories");
        categories.MapGet("/", ListCategories).WithSummary("List categories").ListParameters(List).Returns<IReadOnlyList<CategoryDto>>().Errors(400);
        categories.MapPost("/", CreateCategory).WithSummary("Create a category").Body<CategoryBody>().Returns<CategoryDto>(201).Errors(400, 409);
        categories.MapGet("/{categoryId}", GetCategory).WithSummary("Get a category").Returns<CategoryDto>().Errors(404);
        categories.MapPut("/{categoryId}", UpdateCategory).WithSummary("Update a category").Body<CategoryBody>().Returns<CategoryDto>().Errors(400, 404, 409);
        categories.MapDelete("/{categoryId}", DeleteCategory).WithSummary("Delete a category").Returns<CategoryDto>().Errors(404, 409);
        return app;
    }

    public static readonly ListDefinition<Category, CategoryDto> List = new ListDefinition<Category, CategoryDto>()
        .Sort("name", c => c.NormalizedName).Sort("createdAt", c => c.CreatedAt).Sort("updatedAt", c => c.UpdatedAt)
        .Search(c => c.Name)
        .OrderBy("name").Tiebreak(c => c.Id);

    public static Task<IResult> ListCategories(HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return List.ListAsync(http, db.Categories.AsNoTracking().Where(c => c.CommunityId == communityId), "Read categories success.", ToDto, cancellationToken);
    }

    public static async Task<IResult> CreateCategory(HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var fields = new JsonFields(document!.RootElement, errors);
        var name = fields.ReadString("name", required: true, minLength: 1, maxLength: 200);
        var description = fields.ReadString("description", required: false) ?? "";
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var now = time.GetUtcNow();
        var category = new Category
        {
            Id = ObjectIds.New(time),
            CommunityId = http.GetGatewayIdentity().CommunityId!,
            Name = name!,
            NormalizedName = NameKey.Normalize(name!),
            Description = description,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Categories.Add(category);
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, name!);
        return ApiResults.Success("Create category success.", ToDto(category), StatusCodes.Status201Created);
    }

    public static async Task<IResult> GetCategory(string categoryId, HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        var category = await Find(db, http, categoryId, cancellationToken);
        return category is null ? ApiErrors.NotFound(http, "The category") : ApiResults.Success("Read category success.", ToDto(category));
    }

    public static async Task<IResult> UpdateCategory(string categoryId, HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var category = await Find(db, http, categoryId, cancellationToken);
        if (category is null) return ApiErrors.NotFound(http, "The category");

        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var fields = new JsonFields(document!.RootElement, errors);
        var name = fields.ReadString("name", required: false, minLength: 1, maxLength: 200);
        var description = fields.ReadString("description", required: false);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        if (name is not null)
        {
            category.Name = name;
            category.NormalizedName = NameKey.Normalize(name);
        }

        if (description is not null) category.Description = description;
        category.UpdatedAt = time.GetUtcNow();
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, name!);
        return ApiResults.Success("Update category success.", ToDto(category));
    }

    public static async Task<IResult> DeleteCategory(string categoryId, HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        var category = await Find(db, http, categoryId, cancellationToken);
        if (category is null) return ApiErrors.NotFound(http, "The category");

        db.Categories.Remove(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (PostgresErrors.IsForeignKeyViolation(exception))
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "category_in_use", "Products use this category; move or delete them first.");
        }

        return ApiResults.Success("Delete category success.", ToDto(category));
    }

    private static Task<Category?> Find(StoreDbContext db, HttpContext http, string id, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return ObjectIds.IsValid(id)
            ? db.Categories.SingleOrDefaultAsync(c => c.Id == id && c.CommunityId == communityId, cancellationToken)
            : Task.FromResult<Category?>(null);
    }

    private static CategoryDto ToDto(Category c) => new(c.Id, c.CommunityId, c.Name, c.Description, c.CreatedAt, c.UpdatedAt);
}
