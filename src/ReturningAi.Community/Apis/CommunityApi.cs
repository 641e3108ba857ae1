using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Appearance;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Communities;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Contracts.Requests;
using ReturningAi.Lists;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Users;

namespace ReturningAi.Community.Apis;

/// <summary>
/// The calling key's community (users.md U8): read by any key, its users listed under <c>users</c>,
/// its name, addresses and appearance changed under <c>appearance</c>. Each change is one
/// <c>COMMUNITY_UPDATED</c> with the community's version.
/// </summary>
public static class CommunityApi
{
    public static readonly ListDefinition<User, UserDto> UserList = new ListDefinition<User, UserDto>()
        .Sort("username", u => u.NormalizedUsername).Sort("email", u => u.NormalizedEmail).Sort("displayName", u => u.DisplayName)
        .Sort("joinedAt", u => u.JoinedAt).Sort("createdAt", u => u.CreatedAt).Sort("updatedAt", u => u.UpdatedAt).Sort("lastLogin", u => u.LastLogin)
        .Filter("status", u => u.Status)
        .Search(u => EF.Property<string>(u, "SearchText"))
        .OrderBy("joinedAt", descending: true).Tiebreak(u => u.Id, descending: true);

    private const string Source = "community:";

    public static IEndpointRouteBuilder MapCommunityApi(this IEndpointRouteBuilder app)
    {
        var community = app.MapGroup("/community").RequireCommunity().WithTags("Community");
        community.MapGet("/", GetCommunity).WithName("getCommunity").WithSummary("The calling key's community (any key)")
            .Returns<CommunityDto>().ResponseExample("Get community success.", MemberExamples.Community).Errors(404);
        community.MapGet("/users", ListUsers).RequirePermission(Permissions.Users).WithName("getCommunityUsers").WithSummary("Get community users")
            .ListParameters(UserList).Returns<IReadOnlyList<UserDto>>().ResponseExample("Get community users success.", new[] { MemberExamples.User })
            .Errors(400);
        community.MapGet("/users/{userId}", UsersApi.GetUser).RequirePermission(Permissions.Users).WithName("getCommunityUser")
            .WithSummary("Get community user").Returns<UserDto>().ResponseExample("Get user success.", MemberExamples.User).Errors(404);
        community.MapPut("/theme", (HttpContext http, CommunityDbContext db, CancellationToken ct) =>
                UpdateAsync(http, db, AppearanceRules.ReadTheme, "Update community theme success.", ct))
            .RequirePermission(Permissions.Appearance).WithName("updateCommunityTheme").WithSummary("Update the community's colours")
            .Body<CommunityThemeUpdate>().RequestExample(new { primary = "#E11D48", accent = "#fb0", background = (string?)null })
            .Returns<CommunityDto>().ResponseExample("Update community theme success.", MemberExamples.Community).Errors(400);
        community.MapPut("/metadata", (HttpContext http, CommunityDbContext db, CancellationToken ct) =>
                UpdateAsync(http, db, AppearanceRules.ReadMetadata, "Update community meta success.", ct))
            .RequirePermission(Permissions.Appearance).WithName("updateCommunityMetadata").WithSummary("Update the community's preview and visibility")
            .Body<CommunityMetadataUpdate>().RequestExample(new { preview = new { isEnabled = true, title = "Acme Gaming", description = "Play, earn, redeem." }, membersListVisible = true })
            .Returns<CommunityDto>().ResponseExample("Update community meta success.", MemberExamples.Community).Errors(400);

        app.MapPut("/community-bot", (HttpContext http, CommunityDbContext db, CancellationToken ct) =>
                UpdateAsync(http, db, AppearanceRules.ReadBot, "Update community bot success.", ct))
            .RequireCommunity().RequirePermission(Permissions.Appearance).WithTags("Community").WithName("updateCommunityBot")
            .WithSummary("Update the community bot's name and avatar")
            .Body<CommunityBotUpdate>().RequestExample(new { name = "Acme Bot", avatar = "https://cdn.acme.example/bot.png" })
            .Returns<CommunityDto>().ResponseExample("Update community bot success.", MemberExamples.Community).Errors(400);

        app.MapPut("/management/communities/{communityId}", UpdateIdentity).RequireCommunity().RequirePermission(Permissions.Appearance)
            .WithTags("Community").WithName("updateCommunity").WithSummary("Update the community's name and addresses")
            .Body<CommunityUpdate>().RequestExample(new { name = "Acme Gaming", uri = "acme", domain = "community.acme.example" })
            .Returns<CommunityDto>().ResponseExample("Update community success.", MemberExamples.Community).Errors(400, 404, 409);
        return app;
    }

    public static async Task<IResult> GetCommunity(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == http.GetGatewayIdentity().CommunityId, cancellationToken);
        return community is null ? ApiErrors.NotFound(http, "The community") : FieldProjection.Success(http, "Get community success.", CommunityViews.ToDto(community));
    }

    /// <summary>
    /// The community's users in the list grammar. Deleted users only when a status filter asks for them
    /// (<c>status=deleted</c> or <c>filter=status:deleted</c>); <c>role</c> and <c>tag</c> name a role or tag the users hold.
    /// </summary>
    public static Task<IResult> ListUsers(HttpContext http, CommunityDbContext db, string? role, string? tag, string? status, CancellationToken cancellationToken)
    {
        if (status is not null && !UserRules.Statuses.Contains(status))
        {
            return Task.FromResult(ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_query",
                $"status must be one of {string.Join(", ", UserRules.Statuses)}.", "status"));
        }

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var query = db.Users.AsNoTracking().Where(u => u.CommunityId == communityId);
        var filtersStatus = status is not null || http.Request.Query["filter"].Any(f => f?.StartsWith("status:", StringComparison.Ordinal) == true);
        if (!filtersStatus) query = query.Where(u => u.Status != UserStatuses.Deleted);
        if (status is not null) query = query.Where(u => u.Status == status);
        if (role is not null) query = Holding(db, query, ReferenceDataChanged.Role, role);
        if (tag is not null) query = Holding(db, query, ReferenceDataChanged.Tag, tag);
        return UserList.ListAsync(http, query, "Get community users success.", users => UserViews.ToDtosAsync(db, users, cancellationToken), cancellationToken);
    }

    private static IQueryable<User> Holding(CommunityDbContext db, IQueryable<User> users, string kind, string name)
    {
        var key = ServiceDefaults.Data.NameKey.Normalize(name);
        return users.Where(u => db.UserLabels.Any(m => m.UserId == u.Id && m.Kind == kind
            && db.Labels.Any(l => l.Id == m.LabelId && l.Kind == kind && l.NormalizedName == key)));
    }

    public static async Task<IResult> UpdateIdentity(string communityId, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        if (communityId != http.GetGatewayIdentity().CommunityId) return ApiErrors.NotFound(http, "The community");
        return await UpdateAsync(http, db, AppearanceRules.ReadIdentity, "Update community success.", cancellationToken, checkUnique: true);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, CommunityDbContext db, Action<JsonElement, Model.Community, List<ErrorItem>> read,
        string message, CancellationToken cancellationToken, bool checkUnique = false)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var body = document!.RootElement;
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var community = await db.Communities.FromSqlInterpolated($"SELECT * FROM communities WHERE id = {communityId}::bpchar FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken) ?? throw RefusedException.NotFound("The community");
            var before = (community.Name, community.Uri, community.Domain);
            var errors = new List<ErrorItem>();
            read(body, community, errors);
            if (errors.Count > 0) throw RefusedException.Invalid(errors);
            if (checkUnique) await CheckUniqueAsync(db, community, before, cancellationToken);

            community.Version++;
            community.UpdatedAt = await DatabaseClock.NowAsync(db, cancellationToken);
            var dto = CommunityViews.ToDto(community);
            db.AddEvent(new CommunityUpdated(community.Id, dto, community.Version), Source + community.Id);
            return ApiResults.Success(message, dto);
        }, cancellationToken);
    }

    /// <summary>
    /// Name, uri and domain are unique among communities (any case) when they change here: a value this
    /// request does not change is not checked again. Communities
    /// created by the platform bootstrap are not checked (as documented), so this is a check under a lock,
    /// not an index: one identity change at a time across communities.
    /// </summary>
    private static async Task CheckUniqueAsync(CommunityDbContext db, Model.Community community, (string Name, string? Uri, string? Domain) before,
        CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('community-identity'))", cancellationToken);
        var conflicts = new List<ErrorItem>();
        if (community.Name != before.Name && await TakenAsync(db, community.Id, "name", community.Name, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_name", $"Another community is named '{community.Name}'.", "name"));
        }

        if (community.Uri is { } uri && uri != before.Uri && await TakenAsync(db, community.Id, "uri", uri, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_uri", $"Another community uses the uri '{uri}'.", "uri"));
        }

        if (community.Domain is { } domain && domain != before.Domain && await TakenAsync(db, community.Id, "domain", domain, cancellationToken))
        {
            conflicts.Add(new ErrorItem("duplicate_domain", $"Another community uses the domain '{domain}'.", "domain"));
        }

        if (conflicts.Count > 0) throw RefusedException.Conflict(conflicts);
    }

    private static Task<bool> TakenAsync(CommunityDbContext db, string communityId, string column, string value, CancellationToken cancellationToken) =>
        (column switch
        {
            "name" => db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM communities WHERE id <> {communityId}::bpchar AND upper(name) = upper({value})) AS \"Value\""),
            "uri" => db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM communities WHERE id <> {communityId}::bpchar AND upper(uri) = upper({value})) AS \"Value\""),
            _ => db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM communities WHERE id <> {communityId}::bpchar AND upper(domain) = upper({value})) AS \"Value\""),
        }).SingleAsync(cancellationToken);
}
