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

public static class RedemptionStatusesApi
{
    public static IEndpointRouteBuilder MapRedemptionStatusesApi(this IEndpointRouteBuilder app)
    {
        var statuses = app.MapGroup("/redemption-statuses").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Redemption statuses");
        statuses.MapGet("/", ListStatuses).WithName("listRedemptionStatuses").WithSummary("List redemption statuses").ListParameters(List).Returns<IReadOnlyList<RedemptionStatusDto>>().Errors(400);
        statuses.MapPost("/", CreateStatus).WithName("createRedemptionStatus").WithSummary("Create a redemption status").Body<NameBody>().Returns<RedemptionStatusDto>(201).Errors(400, 409);
        statuses.MapGet("/{statusId}", GetStatus).WithName("getRedemptionStatus").WithSummary("Read a redemption status").Returns<RedemptionStatusDto>().Errors(404);
        return app;
    }

    public static readonly ListDefinition<RedemptionStatus, RedemptionStatusDto> List = new ListDefinition<RedemptionStatus, RedemptionStatusDto>()
        .Sort("name", s => s.NormalizedName).Sort("createdAt", s => s.CreatedAt)
        .Search(s => s.Name)
        .OrderBy("name").Tiebreak(s => s.Id);

    public static Task<IResult> ListStatuses(HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return List.ListAsync(http, db.RedemptionStatuses.AsNoTracking().Where(s => s.CommunityId == communityId),
            "Read redemption statuses success.", ToDto, cancellationToken);
    }

    public static async Task<IResult> CreateStatus(HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var name = new JsonFields(document!.RootElement, errors).ReadName("name", required: true, minLength: 1, maxLength: 200);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var status = new RedemptionStatus
        {
            Id = ObjectIds.New(time),
            CommunityId = http.GetGatewayIdentity().CommunityId!,
            Name = name!,
            NormalizedName = NameKey.Normalize(name!),
            CreatedAt = time.GetUtcNow(),
        };
        db.RedemptionStatuses.Add(status);
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, name!);
        return ApiResults.Success("Create redemption status success.", ToDto(status), StatusCodes.Status201Created);
    }

    public static async Task<IResult> GetStatus(string statusId, HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var status = ObjectIds.IsValid(statusId)
            ? await db.RedemptionStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.Id == statusId && s.CommunityId == communityId, cancellationToken)
            : null;
        return status is null ? ApiErrors.NotFound(http, "The redemption status") : ApiResults.Success("Read redemption status success.", ToDto(status));
    }

    private static RedemptionStatusDto ToDto(RedemptionStatus s) => new(s.Id, s.CommunityId, s.Name, s.CreatedAt);
}
