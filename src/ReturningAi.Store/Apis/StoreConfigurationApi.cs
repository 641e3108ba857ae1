using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Store;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Contracts.Requests;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Store.Apis;

public static class StoreConfigurationApi
{
    public static IEndpointRouteBuilder MapStoreConfigurationApi(this IEndpointRouteBuilder app)
    {
        var configuration = app.MapGroup("/store/configuration").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Store configuration");
        configuration.MapGet("/", GetConfiguration).WithSummary("Get the store configuration").Returns<StoreConfigurationDto>();
        configuration.MapPut("/", UpdateConfiguration).WithSummary("Update the store configuration").Body<StoreConfigurationBody>().Returns<StoreConfigurationDto>().Errors(400);
        return app;
    }

    public static async Task<IResult> GetConfiguration(HttpContext http, StoreDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var stored = await db.StoreConfigurations.AsNoTracking().SingleOrDefaultAsync(c => c.CommunityId == communityId, cancellationToken);
        return ApiResults.Success("Get store configuration success.", stored is null ? StoreConfigurationDto.Default : ToDto(stored));
    }

    public static async Task<IResult> UpdateConfiguration(HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var fields = new JsonFields(document!.RootElement, errors);
        var currencyName = fields.ReadString("currencyName", required: false, minLength: 1, maxLength: 100);
        var isStoreOpen = fields.Has("isStoreOpen") ? fields.ReadBool("isStoreOpen") : (bool?)null;
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var stored = await db.StoreConfigurations.SingleOrDefaultAsync(c => c.CommunityId == communityId, cancellationToken);
        if (stored is null)
        {
            stored = new StoreConfiguration
            {
                CommunityId = communityId,
                CurrencyName = StoreConfigurationDto.Default.CurrencyName,
                IsStoreOpen = StoreConfigurationDto.Default.IsStoreOpen,
            };
            db.StoreConfigurations.Add(stored);
        }

        if (currencyName is not null) stored.CurrencyName = currencyName;
        if (isStoreOpen is { } open) stored.IsStoreOpen = open;
        stored.UpdatedAt = time.GetUtcNow();
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            // Two first updates raced; the other one created the row. Ask the caller to send it again.
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "concurrent_update", "The configuration changed meanwhile; send the update again.");
        }

        return ApiResults.Success("Update store configuration success.", ToDto(stored));
    }

    private static StoreConfigurationDto ToDto(StoreConfiguration c) => new(c.CurrencyName, c.IsStoreOpen);
}
