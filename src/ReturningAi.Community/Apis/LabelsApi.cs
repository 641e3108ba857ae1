using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Lists;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Contracts.Requests;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Community.Apis;

/// <summary>Roles and tags: the same resource (a name unique per community and kind) under two paths.</summary>
public static class LabelsApi
{
    public static IEndpointRouteBuilder MapLabelsApi(this IEndpointRouteBuilder app)
    {
        MapLabels(app, "/roles", ReferenceDataChanged.Role, "role");
        MapLabels(app, "/tags", ReferenceDataChanged.Tag, "tag");
        return app;
    }

    private static void MapLabels(IEndpointRouteBuilder app, string path, string kind, string noun)
    {
        var labels = app.MapGroup(path).RequireCommunity().RequirePermission(Permissions.Users).WithTags(noun == "role" ? "Roles" : "Tags");
        labels.MapGet("/", (HttpContext http, CommunityDbContext db, CancellationToken ct) => ListLabels(http, db, kind, noun, ct))
            .WithName($"list{Title(noun)}s").WithSummary($"List {noun}s").ListParameters(List).Returns<IReadOnlyList<LabelDto>>().Errors(400);
        labels.MapPost("/", (HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken ct) =>
            CreateLabel(http, db, time, kind, noun, ct))
            .WithName($"create{Title(noun)}").WithSummary($"Create a {noun}").Body<NameBody>().Returns<LabelDto>(201).Errors(400, 409);
        labels.MapPut("/{id}", (string id, HttpContext http, CommunityDbContext db, CancellationToken ct) =>
            RenameLabel(id, http, db, kind, noun, ct))
            .WithName($"update{Title(noun)}").WithSummary($"Rename a {noun}").Body<NameBody>().Returns<LabelDto>().Errors(400, 404, 409);
        labels.MapDelete("/{id}", (string id, HttpContext http, CommunityDbContext db, CancellationToken ct) =>
            DeleteLabel(id, http, db, kind, noun, ct))
            .WithName($"delete{Title(noun)}").WithSummary($"Delete a {noun}").Returns<LabelDto>().Errors(404);
    }

    public static readonly ListDefinition<Label, LabelDto> List = new ListDefinition<Label, LabelDto>()
        .Sort("name", l => l.NormalizedName).Sort("createdAt", l => l.CreatedAt)
        .Search(l => l.Name)
        .OrderBy("name").Tiebreak(l => l.Id);

    private static Task<IResult> ListLabels(HttpContext http, CommunityDbContext db, string kind, string noun, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return List.ListAsync(http, db.Labels.AsNoTracking().Where(l => l.CommunityId == communityId && l.Kind == kind),
            $"Read {noun}s success.", ToDto, cancellationToken);
    }

    private static async Task<IResult> CreateLabel(HttpContext http, CommunityDbContext db, TimeProvider time, string kind, string noun, CancellationToken cancellationToken)
    {
        var (name, error) = await ReadNameAsync(http);
        if (error is not null) return error;

        var label = new Label
        {
            Id = ObjectIds.New(time),
            CommunityId = http.GetGatewayIdentity().CommunityId!,
            Kind = kind,
            Name = name!,
            NormalizedName = NameKey.Normalize(name!),
            Version = 1,
            CreatedAt = time.GetUtcNow(),
        };
        db.Labels.Add(label);
        db.AddChange(Changed(label, deleted: false));
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, name!);

        return ApiResults.Success($"Create {noun} success.", ToDto(label), StatusCodes.Status201Created);
    }

    private static async Task<IResult> RenameLabel(string id, HttpContext http, CommunityDbContext db, string kind, string noun, CancellationToken cancellationToken)
    {
        var label = await FindAsync(db, http, id, kind, cancellationToken);
        if (label is null) return ApiErrors.NotFound(http, $"The {noun}");

        var (name, error) = await ReadNameAsync(http);
        if (error is not null) return error;

        label.Name = name!;
        label.NormalizedName = NameKey.Normalize(name!);
        label.Version++;
        db.AddChange(Changed(label, deleted: false));
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, name!);

        return ApiResults.Success($"Update {noun} success.", ToDto(label));
    }

    private static async Task<IResult> DeleteLabel(string id, HttpContext http, CommunityDbContext db, string kind, string noun, CancellationToken cancellationToken)
    {
        var label = await FindAsync(db, http, id, kind, cancellationToken);
        if (label is null) return ApiErrors.NotFound(http, $"The {noun}");

        db.Labels.Remove(label);
        db.AddChange(Changed(label, deleted: true) with { Version = label.Version + 1 });
        await db.SaveChangesAsync(cancellationToken);
        return ApiResults.Success($"Delete {noun} success.", ToDto(label));
    }

    internal static async Task<(string? Name, IResult? Error)> ReadNameAsync(HttpContext http, string field = "name", int maxLength = 200)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return (null, error);
        using var _ = document;

        var errors = new List<ErrorItem>();
        var name = new JsonFields(document!.RootElement, errors).ReadName(field, required: true, minLength: 1, maxLength: maxLength);
        return errors.Count > 0 ? (null, ApiErrors.Validation(http, errors)) : (name, null);
    }

    private static Task<Label?> FindAsync(CommunityDbContext db, HttpContext http, string id, string kind, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return ObjectIds.IsValid(id)
            ? db.Labels.SingleOrDefaultAsync(l => l.Id == id && l.CommunityId == communityId && l.Kind == kind, cancellationToken)
            : Task.FromResult<Label?>(null);
    }

    internal static ReferenceDataChanged Changed(Label label, bool deleted) =>
        new(label.Kind, label.CommunityId, label.Id, label.Name, deleted, label.Version);

    private static string Title(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];

    private static LabelDto ToDto(Label l) => new(l.Id, l.CommunityId, l.Name, l.CreatedAt);
}
