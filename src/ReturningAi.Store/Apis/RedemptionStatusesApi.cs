using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Requests;
using ReturningAi.Contracts.Store;
using ReturningAi.Lists;
using ReturningAi.Rewards.Orders;
using ReturningAi.Rewards.Requests;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Statuses;

namespace ReturningAi.Store.Apis;

/// <summary>Redemption statuses (CONTRACT.md §3, rewards.md §7): the default, the refunding flag, category and colour.</summary>
public static class RedemptionStatusesApi
{
    public static IEndpointRouteBuilder MapRedemptionStatusesApi(this IEndpointRouteBuilder app)
    {
        var statuses = app.MapGroup("/redemption-statuses").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Redemption statuses")
            .AddEndpointFilter(EnsureDefaultAsync);
        statuses.MapGet("/", ListStatuses).WithName("listRedemptionStatuses").WithSummary("List redemption statuses")
            .WithDescription("Filters: `isDefault`, `refundsPoints`, `category`. The community's default (`Pending` unless moved) is made on first use.")
            .ListParameters(List).Returns<IReadOnlyList<RedemptionStatusDto>>().Errors(400);
        statuses.MapPost("/", CreateStatus).WithName("createRedemptionStatus").WithSummary("Create a redemption status")
            .WithDescription("`isDefault: true` moves the default here. `refundsPoints` is fixed once made; a refunding status is never the default (400 `refunding_default`).")
            .Body<RedemptionStatusCreate>().Returns<RedemptionStatusDto>(201).Errors(400, 409);
        statuses.MapGet("/{statusId}", GetStatus).WithName("getRedemptionStatus").WithSummary("Read a redemption status").Returns<RedemptionStatusDto>().Errors(404);
        statuses.MapPut("/{statusId}", UpdateStatus).WithName("updateRedemptionStatus").WithSummary("Update a redemption status")
            .WithDescription("Partial. 409: `duplicate_name`, `default_status_required` (isDefault false on the default), `refunds_points_immutable`, `refunding_default`.")
            .Body<RedemptionStatusUpdate>().Returns<RedemptionStatusDto>().Errors(400, 404, 409);
        statuses.MapDelete("/{statusId}", DeleteStatus).WithName("deleteRedemptionStatus").WithSummary("Delete a redemption status")
            .WithDescription("409 `redemption_status_in_use` while it is the default, an order's status, a product's override or a category's default.")
            .Returns<RedemptionStatusDto>().Errors(404, 409);
        return app;
    }

    public static readonly ListDefinition<RedemptionStatus, RedemptionStatusDto> List = new ListDefinition<RedemptionStatus, RedemptionStatusDto>()
        .Sort("name", s => s.NormalizedName).Sort("createdAt", s => s.CreatedAt).Sort("updatedAt", s => s.UpdatedAt).Sort("category", s => s.Category)
        .Filter("isDefault", s => s.IsDefault).Filter("refundsPoints", s => s.RefundsPoints).Filter("category", s => s.Category)
        .Search(s => s.Name)
        .OrderBy("name").Tiebreak(s => s.Id);

    public static Task<IResult> ListStatuses(HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return List.ListAsync(http, db.RedemptionStatuses.AsNoTracking().Where(s => s.CommunityId == communityId),
            "Read redemption statuses success.", ToDto, cancellationToken);
    }

    public static async Task<IResult> CreateStatus(HttpContext http, StoreDbContext db, DefaultStatuses defaults, TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var fields = StatusFieldsReader.Read(new JsonFields(document!.RootElement, errors), isCreate: true);
        if (fields is null) return ApiErrors.Validation(http, errors);

        var now = Now(time);
        var status = new RedemptionStatus
        {
            Id = ObjectIds.New(time),
            CommunityId = http.GetGatewayIdentity().CommunityId!,
            Name = fields.Name!,
            NormalizedName = NameKey.Normalize(fields.Name!),
            RefundsPoints = fields.RefundsPoints ?? false,
            Category = fields.Category ?? StatusCategories.Incomplete,
            Color = fields.Color,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.RedemptionStatuses.Add(status);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, fields.Name!);
        if (fields.IsDefault == true)
        {
            await defaults.MoveToAsync(status.CommunityId, status.Id, now, cancellationToken);
            status.IsDefault = true;
        }

        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return ApiResults.Success("Create redemption status success.", ToDto(status), StatusCodes.Status201Created);
    }

    public static async Task<IResult> GetStatus(string statusId, HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        var status = await FindAsync(statusId, http, db, tracked: false, cancellationToken);
        return status is null ? NotFound(http) : ApiResults.Success("Read redemption status success.", ToDto(status));
    }

    public static async Task<IResult> UpdateStatus(string statusId, HttpContext http, StoreDbContext db, DefaultStatuses defaults, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var fields = StatusFieldsReader.Read(new JsonFields(document!.RootElement, errors), isCreate: false);
        if (fields is null) return ApiErrors.Validation(http, errors);
        if (await FindAsync(statusId, http, db, tracked: true, cancellationToken) is not { } status) return NotFound(http);

        if (fields.RefundsPoints is { } refunds && refunds != status.RefundsPoints)
        {
            return Conflict(http, "refunds_points_immutable", "refundsPoints is fixed when a status is made.", "refundsPoints");
        }

        if (fields.IsDefault == false && status.IsDefault)
        {
            return Conflict(http, "default_status_required", "The community needs a default status: make another one the default instead.", "isDefault");
        }

        if (fields.IsDefault == true && status.RefundsPoints)
        {
            return Conflict(http, "refunding_default", "A status that refunds points cannot be the default.", "isDefault");
        }

        if (fields.Name is { } name)
        {
            status.Name = name;
            status.NormalizedName = NameKey.Normalize(name);
        }

        if (fields.Category is { } category) status.Category = category;
        if (fields.ColorSent) status.Color = fields.Color;
        var now = Now(time);
        status.UpdatedAt = now;

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, fields.Name!);
        if (fields.IsDefault == true && !status.IsDefault)
        {
            await defaults.MoveToAsync(status.CommunityId, status.Id, now, cancellationToken);
            status.IsDefault = true;
        }

        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return ApiResults.Success("Update redemption status success.", ToDto(status));
    }

    public static async Task<IResult> DeleteStatus(string statusId, HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(statusId, http, db, tracked: true, cancellationToken) is not { } status) return NotFound(http);
        if (status.IsDefault) return InUse(http, "It is the community's default status.");

        db.RedemptionStatuses.Remove(status);
        try
        {
            // Orders, products and categories keep their status by a restricting key: the database decides, not a racy look-up.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (PostgresErrors.IsForeignKeyViolation(exception))
        {
            return InUse(http, "Orders, products or categories use it.");
        }

        return ApiResults.Success("Delete redemption status success.", ToDto(status));
    }

    public static RedemptionStatusDto ToDto(RedemptionStatus s) =>
        new(s.Id, s.CommunityId, s.Name, s.IsDefault, s.RefundsPoints, s.Category, s.Color, s.CreatedAt, s.UpdatedAt);

    /// <summary>Every status route serves a community that has its default (rewards.md §7).</summary>
    private static async ValueTask<object?> EnsureDefaultAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        await http.RequestServices.GetRequiredService<DefaultStatuses>().GetAsync(http.GetGatewayIdentity().CommunityId!, http.RequestAborted);
        return await next(context);
    }

    private static async Task<RedemptionStatus?> FindAsync(string statusId, HttpContext http, StoreDbContext db, bool tracked, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsValid(statusId)) return null;
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var query = tracked ? db.RedemptionStatuses : db.RedemptionStatuses.AsNoTracking();
        return await query.SingleOrDefaultAsync(s => s.Id == statusId && s.CommunityId == communityId, cancellationToken);
    }

    private static DateTimeOffset Now(TimeProvider time) => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    private static IResult NotFound(HttpContext http) => ApiErrors.NotFound(http, "The redemption status");

    private static IResult InUse(HttpContext http, string why) =>
        Conflict(http, "redemption_status_in_use", $"The redemption status is in use: {why}", null);

    private static IResult Conflict(HttpContext http, string code, string message, string? field) =>
        ApiErrors.Result(http, StatusCodes.Status409Conflict, code, message, field);
}
