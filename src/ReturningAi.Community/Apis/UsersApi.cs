using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Contracts.Requests;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Community.Apis;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/users").RequireCommunity().WithTags("Users");
        users.MapPost("/", CreateUser).WithName("createUser").RequirePermission(Permissions.CreateUser).WithSummary("Create a user").Body<CreateUserBody>().Returns<UserDto>(201).Errors(400, 409);
        users.MapGet("/{userId}", GetUser).WithName("getUser").RequirePermission(Permissions.Users).WithSummary("Get a user").Returns<UserDto>().Errors(404);
        users.MapDelete("/{userId}", DeleteUser).WithName("deleteUser").RequirePermission(Permissions.Users).WithSummary("Delete a user").Returns<UserDto>().Errors(404);
        return app;
    }

    public static async Task<IResult> CreateUser(HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var fields = new JsonFields(document!.RootElement, errors);
        var username = fields.ReadName("username", required: true, minLength: 1, maxLength: 100);
        var email = fields.ReadString("email", required: true, minLength: 3, maxLength: 320);
        if (email is not null && !IsEmail(email)) fields.Add("invalid_email", "email", "email must be an e-mail address.");
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var user = new User
        {
            Id = ObjectIds.New(time),
            CommunityId = http.GetGatewayIdentity().CommunityId!,
            Username = username!,
            NormalizedUsername = NameKey.Normalize(username!),
            Email = email!,
            Version = 1,
            CreatedAt = time.GetUtcNow(),
        };
        db.Users.Add(user);
        db.AddChange(Changed(user, deleted: false));
        if (!await db.TrySaveUniqueAsync(cancellationToken)) return DbContextExtensions.NameTaken(http, username!, "username");

        return ApiResults.Success("Create user success.", ToDto(user), StatusCodes.Status201Created);
    }

    public static async Task<IResult> GetUser(string userId, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var user = await FindAsync(db, http, userId, cancellationToken);
        return user is null ? ApiErrors.NotFound(http, "The user") : ApiResults.Success("Get user success.", ToDto(user));
    }

    public static async Task<IResult> DeleteUser(string userId, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var user = await FindAsync(db, http, userId, cancellationToken);
        if (user is null) return ApiErrors.NotFound(http, "The user");

        db.Users.Remove(user);
        db.AddChange(Changed(user, deleted: true) with { Version = user.Version + 1 });
        await db.SaveChangesAsync(cancellationToken);
        return ApiResults.Success("Delete user success.", ToDto(user));
    }

    internal static ReferenceDataChanged Changed(User user, bool deleted) =>
        new(ReferenceDataChanged.User, user.CommunityId, user.Id, user.Username, deleted, user.Version);

    private static Task<User?> FindAsync(CommunityDbContext db, HttpContext http, string id, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return ObjectIds.IsValid(id)
            ? db.Users.SingleOrDefaultAsync(u => u.Id == id && u.CommunityId == communityId, cancellationToken)
            : Task.FromResult<User?>(null);
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);
    }

    private static UserDto ToDto(User u) => new(u.Id, u.CommunityId, u.Username, u.Email, u.CreatedAt);
}
