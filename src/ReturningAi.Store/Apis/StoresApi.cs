using System.Text.Json;
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
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Stores;

namespace ReturningAi.Store.Apis;

/// <summary>The store configuration: <c>/stores</c> as the product documents it, and <c>/store/configuration</c>, the older view of the same record.</summary>
public static class StoresApi
{
    public static IEndpointRouteBuilder MapStoresApi(this IEndpointRouteBuilder app)
    {
        var stores = app.MapGroup("/stores").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Store configuration");
        stores.MapGet("/", GetStore).WithName("getStore").WithSummary("Read the store configuration")
            .WithDescription("Made with the defaults on first use. `fields=` returns only those fields (and `_id`).")
            .FieldsParameter<StoreDto>().Returns<StoreDto>().Errors(400);
        stores.MapPut("/", UpdateStore).WithName("updateStore").WithSummary("Update the store configuration")
            .WithDescription("Partial: only the fields sent change, nested objects field by field; translation lists are replaced whole.")
            .Body<StoreUpdate>().Returns<StoreDto>().Errors(400);

        var view = app.MapGroup("/store/configuration").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Store configuration");
        view.MapGet("/", GetConfiguration).WithName("getStoreConfiguration").WithSummary("Read the store configuration (older view)")
            .WithDescription("`currencyName` is `currency.name` and `isStoreOpen` is `isEnabled` of `GET /stores`.").Returns<StoreConfigurationDto>();
        view.MapPut("/", UpdateConfiguration).WithName("updateStoreConfiguration").WithSummary("Update the store configuration (older view)")
            .Body<StoreConfigurationBody>().Returns<StoreConfigurationDto>().Errors(400);
        return app;
    }

    public static async Task<IResult> GetStore(HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        FieldProjection.Success(http, "Read store config success.", StoreSettings.ToDto(await LoadAsync(http, db, time, cancellationToken)));

    public static Task<IResult> UpdateStore(HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        UpdateAsync(http, db, time, StoreSettings.Apply, stored => ApiResults.Success("Update store config success.", StoreSettings.ToDto(stored)), cancellationToken);

    public static async Task<IResult> GetConfiguration(HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ApiResults.Success("Read store config success.", StoreSettings.ToView(await LoadAsync(http, db, time, cancellationToken)));

    public static Task<IResult> UpdateConfiguration(HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        UpdateAsync(http, db, time, StoreSettings.ApplyView, stored => ApiResults.Success("Update store config success.", StoreSettings.ToView(stored)), cancellationToken);

    private static async Task<IResult> UpdateAsync(
        HttpContext http, StoreDbContext db, TimeProvider time, Func<StoreConfiguration, JsonElement, List<ErrorItem>> apply,
        Func<StoreConfiguration, IResult> answer, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var stored = await LoadAsync(http, db, time, cancellationToken);
        var errors = apply(stored, document!.RootElement);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        stored.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return answer(stored);
    }

    /// <summary>The community's record, tracked; made with the defaults on first use (a racing first use reads the winner's).</summary>
    private static async Task<StoreConfiguration> LoadAsync(HttpContext http, StoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        if (await db.StoreConfigurations.SingleOrDefaultAsync(c => c.CommunityId == communityId, cancellationToken) is { } stored) return stored;

        var created = StoreSettings.New(communityId, ObjectIds.New(time), DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()));
        db.StoreConfigurations.Add(created);
        if (await db.TrySaveUniqueAsync(cancellationToken)) return created;

        db.ChangeTracker.Clear();
        return await db.StoreConfigurations.SingleAsync(c => c.CommunityId == communityId, cancellationToken);
    }
}
