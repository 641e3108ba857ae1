using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Requests;
using ReturningAi.Contracts.Store;
using ReturningAi.Lists;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Store.Categories;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Apis;

public static class CategoriesApi
{
    public static readonly ListDefinition<Category, CategoryDto> List = new ListDefinition<Category, CategoryDto>()
        .Sort("name", c => c.NormalizedName).Sort("displayOrder", c => c.DisplayOrder).Sort("isArchived", c => c.IsArchived)
        .Sort("viewType", c => c.ViewType).Sort("shouldShowCover", c => c.ShouldShowCover)
        .Sort("createdAt", c => c.CreatedAt).Sort("updatedAt", c => c.UpdatedAt)
        .Filter("isArchived", c => c.IsArchived)
        .Search(c => c.Name)
        .OrderBy("displayOrder").OrderBy("name").Tiebreak(c => c.Id);

    private const string PermissionNames =
        "The roles, tags and usernames `categoryPermission` names must exist in the community (else 400 `unknown_role`, `unknown_tag` or "
        + "`unknown_user` naming the `field`); entries keep the items they name, so reads show their current names and leave out deleted ones.";

    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var categories = app.MapGroup("/categories").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Categories");
        categories.MapGet("/", ListCategories).WithName("listCategories").WithSummary("List categories, by display order")
            .ListParameters(List).Returns<IReadOnlyList<CategoryDto>>().Errors(400);
        categories.MapPost("/", CreateCategory).WithName("createCategory").WithSummary("Create a category")
            .WithDescription(PermissionNames)
            .Body<CategoryCreate>().Returns<CategoryDto>(201).Errors(400, 409);
        categories.MapGet("/{categoryId}", GetCategory).WithName("getCategory").WithSummary("Read a category")
            .FieldsParameter<CategoryDto>().Returns<CategoryDto>().Errors(400, 404);
        categories.MapPut("/{categoryId}", UpdateCategory).WithName("updateCategory").WithSummary("Update a category")
            .WithDescription("Partial: only the fields sent change; `categoryPermission` and translation lists sent replace the stored ones "
                + "(entries not sent keep pointing at the same items). " + PermissionNames)
            .Body<CategoryUpdate>().Returns<CategoryDto>().Errors(400, 404, 409);
        categories.MapDelete("/{categoryId}", DeleteCategory).WithName("deleteCategory").WithSummary("Delete a category")
            .Returns<CategoryDto>().Errors(404, 409);
        return app;
    }

    public static Task<IResult> ListCategories(HttpContext http, StoreDbContext db, CategoryWriter categories, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return List.ListAsync(http, db.Categories.AsNoTracking().Where(c => c.CommunityId == communityId), "Read categories success.",
            async items => await categories.ToDtosAsync(items, cancellationToken), cancellationToken);
    }

    public static async Task<IResult> CreateCategory(HttpContext http, StoreDbContext db, CategoryWriter categories, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var category = new Category
        {
            Id = ObjectIds.New(time),
            CommunityId = http.GetGatewayIdentity().CommunityId!,
            Name = "",
            NormalizedName = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var error = await WriteAsync(http, categories, category, CategoryDraft.Empty, isCreate: true, cancellationToken);
        if (error is not null) return error;

        db.Categories.Add(category);
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, category.Name);
        return ApiResults.Success("Create category success.", (await categories.ToDtosAsync([category], cancellationToken))[0], StatusCodes.Status201Created);
    }

    public static async Task<IResult> GetCategory(string categoryId, HttpContext http, StoreDbContext db, CategoryWriter categories, CancellationToken cancellationToken)
    {
        var category = await Find(db, http, categoryId, cancellationToken);
        return category is null
            ? ApiErrors.NotFound(http, "The category")
            : FieldProjection.Success(http, "Read category success.", (await categories.ToDtosAsync([category], cancellationToken))[0]);
    }

    public static async Task<IResult> UpdateCategory(
        string categoryId, HttpContext http, StoreDbContext db, CategoryWriter categories, TimeProvider time, CancellationToken cancellationToken)
    {
        var category = await Find(db, http, categoryId, cancellationToken);
        if (category is null) return ApiErrors.NotFound(http, "The category");

        var current = CategoryWriter.ToDraft((await categories.ToDtosAsync([category], cancellationToken))[0]);
        var error = await WriteAsync(http, categories, category, current, isCreate: false, cancellationToken);
        if (error is not null) return error;

        category.UpdatedAt = time.GetUtcNow();
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, category.Name);
        return ApiResults.Success("Update category success.", (await categories.ToDtosAsync([category], cancellationToken))[0]);
    }

    public static async Task<IResult> DeleteCategory(string categoryId, HttpContext http, StoreDbContext db, CategoryWriter categories, CancellationToken cancellationToken)
    {
        var category = await Find(db, http, categoryId, cancellationToken);
        if (category is null) return ApiErrors.NotFound(http, "The category");

        var dto = (await categories.ToDtosAsync([category], cancellationToken))[0];
        db.Categories.Remove(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (PostgresErrors.IsForeignKeyViolation(exception))
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "category_in_use", "Products use this category; move or delete them first.");
        }

        return ApiResults.Success("Delete category success.", dto);
    }

    /// <summary>Reads the body over <paramref name="current"/>, checks it, resolves its names onto the category; the 400 otherwise.</summary>
    private static async Task<IResult?> WriteAsync(
        HttpContext http, CategoryWriter categories, Category category, CategoryDraft current, bool isCreate, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var draft = CategoryFields.Read(document!.RootElement, current, isCreate, errors);
        if (errors.Count == 0) errors.AddRange(await categories.ApplyAsync(category, draft, cancellationToken));
        return errors.Count > 0 ? ApiErrors.Validation(http, errors) : null;
    }

    private static Task<Category?> Find(StoreDbContext db, HttpContext http, string id, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return ObjectIds.IsValid(id)
            ? db.Categories.SingleOrDefaultAsync(c => c.Id == id && c.CommunityId == communityId, cancellationToken)
            : Task.FromResult<Category?>(null);
    }
}
