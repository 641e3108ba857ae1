using ReturningAi.Community.Appearance;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Communities;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Contracts.Requests;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Community.Apis;

public static class CommunitiesApi
{
    public static IEndpointRouteBuilder MapCommunitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/communities", CreateCommunity).WithTags("Communities").WithName("createCommunity")
            .WithSummary("Create a community and its first API key (platform admin token)")
            .Body<CreateCommunityBody>().Returns<CreatedCommunityDto>(201).Errors(400, 409);
        return app;
    }

    /// <summary>The platform bootstrap: a new community and its first key, holding every permission.</summary>
    public static async Task<IResult> CreateCommunity(HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!http.GetGatewayIdentity().IsPlatformAdmin)
        {
            return ApiErrors.Result(http, StatusCodes.Status401Unauthorized, "unauthenticated",
                "Creating a community needs the platform admin token.");
        }

        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var fields = new JsonFields(document!.RootElement, errors);
        var name = fields.ReadString("name", required: true, minLength: 1, maxLength: 200);
        var url = fields.ReadString("url", required: true, minLength: 1, maxLength: 2048);
        if (url is not null && !HttpUrls.IsHttpUrl(url))
        {
            fields.Add("invalid_url", "url", "url must be an absolute http or https URL.");
        }

        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var now = time.GetUtcNow();
        var community = new Model.Community { Id = ObjectIds.New(time), Name = name!, Url = url!, Version = 1, CreatedAt = now, UpdatedAt = now };
        var token = ApiKeyTokens.Generate();
        var key = new ApiKey
        {
            Id = ObjectIds.New(time),
            CommunityId = community.Id,
            Name = "Default key",
            Permissions = [.. Permissions.All],
            TokenHash = ApiKeyTokens.Hash(token),
            CreatedAt = now,
        };
        db.Communities.Add(community);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);

        var data = new CreatedCommunityDto(CommunityViews.ToDto(community), key.ToDto(token));
        SecretFields.Mark(http, "data.apiKey.token");
        return ApiResults.Success(ApiMeta.Success(StatusCodes.Status201Created) with { SecretShown = true }, "Create community success.", data);
    }
}
