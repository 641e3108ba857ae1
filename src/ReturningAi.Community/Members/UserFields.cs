using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Users.Fields;

namespace ReturningAi.Community.Members;

/// <summary>Finding, locking and describing a community's custom field definitions.</summary>
internal static class UserFields
{
    public const int MaxPerCommunity = 200;

    public static Task<List<UserField>> AllAsync(CommunityDbContext db, string communityId, CancellationToken cancellationToken) =>
        db.UserFields.AsNoTracking().Where(f => f.CommunityId == communityId).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id)
            .ToListAsync(cancellationToken);

    /// <summary>A field named in a path by its <c>_id</c> or key (not tracked); null when it is not one of the community's.</summary>
    public static Task<UserField?> FindAsync(CommunityDbContext db, string communityId, string idOrKey, CancellationToken cancellationToken)
    {
        if (ObjectIds.IsValid(idOrKey))
        {
            return db.UserFields.AsNoTracking().SingleOrDefaultAsync(f => f.CommunityId == communityId && f.Id == idOrKey, cancellationToken);
        }

        var key = UserFieldKeys.Comparable(idOrKey);
        return db.UserFields.AsNoTracking().SingleOrDefaultAsync(f => f.CommunityId == communityId && f.NormalizedKey == key, cancellationToken);
    }

    /// <summary>
    /// The current definitions of the fields a write uses, share-locked until the transaction ends: a
    /// definition change (type, options, unique) waits for the write, and a write waiting here sees the changed definition.
    /// </summary>
    public static async Task<List<UserField>> ShareLockAsync(CommunityDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var array = ids.ToArray();
        return await db.UserFields.FromSqlInterpolated($"SELECT * FROM user_fields WHERE id = ANY({array}::bpchar[]) ORDER BY id FOR SHARE")
            .ToListAsync(cancellationToken);
    }

    public static async Task<UserField?> LockAsync(CommunityDbContext db, string id, CancellationToken cancellationToken) =>
        await db.UserFields.FromSqlInterpolated($"SELECT * FROM user_fields WHERE id = {id}::bpchar FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    public static KnownUserField Known(UserField field) => new(field.Id, Definition(field));

    public static UserFieldDefinition Definition(UserField field) => new(field.Key, field.Name, field.Description, field.Type, field.Options,
        field.Required, field.IsVisible, field.IsEditableByUser, field.IsUnique, DefaultValue(field));

    public static FieldValue? DefaultValue(UserField field)
    {
        if (field.DefaultValue is null) return null;
        using var document = System.Text.Json.JsonDocument.Parse(field.DefaultValue);
        return UserFieldValueRules.TryRead(new UserFieldShape(field.Key, field.Type, field.Options), document.RootElement, out var value, out _) ? value : null;
    }

    public static UserFieldDto ToDto(UserField f) => new(f.Id, f.CommunityId, f.Key, f.Name, f.Description, f.Type, f.Options, f.Required,
        f.IsVisible, f.IsEditableByUser, f.IsUnique, FieldValueColumns.Json(f.DefaultValue), f.Creator, f.CreatedAt, f.UpdatedAt);
}
