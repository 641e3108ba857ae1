using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Members;

namespace ReturningAi.Community.Members;

/// <summary>Users as the API shows them: with their role and tag names and their custom values, loaded for a page at once.</summary>
internal static class UserViews
{
    public static async Task<UserDto> ToDtoAsync(CommunityDbContext db, User user, CancellationToken cancellationToken) =>
        (await ToDtosAsync(db, [user], cancellationToken))[0];

    public static async Task<IReadOnlyList<UserDto>> ToDtosAsync(CommunityDbContext db, IReadOnlyList<User> users, CancellationToken cancellationToken)
    {
        var ids = users.Select(u => u.Id).ToList();
        var labels = await LabelsAsync(db, ids, cancellationToken);
        var values = await CustomFieldsAsync(db, ids, cancellationToken);
        return [.. users.Select(u => ToDto(u,
            labels.GetValueOrDefault(u.Id)?.Where(l => l.Kind == ReferenceDataChanged.Role).Select(l => l.Ref.Name).Order(StringComparer.OrdinalIgnoreCase).ToList() ?? [],
            labels.GetValueOrDefault(u.Id)?.Where(l => l.Kind == ReferenceDataChanged.Tag).Select(l => l.Ref.Name).Order(StringComparer.OrdinalIgnoreCase).ToList() ?? [],
            values.GetValueOrDefault(u.Id) ?? []))];
    }

    public static UserDto ToDto(User u, IReadOnlyList<string> roles, IReadOnlyList<string> tags, IReadOnlyDictionary<string, JsonNode?> customFields) =>
        new(u.Id, u.CommunityId, u.Username, u.Email, u.FirstName, u.LastName, u.DisplayName, u.Avatar, roles, tags, u.Status, u.StatusReason,
            u.JoinedAt, u.LastLogin, customFields, u.CreatedAt, u.UpdatedAt);

    /// <summary>The roles or tags (<paramref name="kind"/>) each user holds, as <c>{_id, name}</c>, sorted by name.</summary>
    public static async Task<IReadOnlyList<LabelRefDto>> LabelRefsAsync(CommunityDbContext db, string userId, string kind, CancellationToken cancellationToken) =>
        await (from m in db.UserLabels
               join l in db.Labels on m.LabelId equals l.Id
               where m.UserId == userId && m.Kind == kind
               orderby l.NormalizedName
               select new LabelRefDto(l.Id, l.Name)).ToListAsync(cancellationToken);

    /// <summary>The roles and the tags the user holds, each as <see cref="LabelRefsAsync"/> sorts them, read in one statement.</summary>
    public static async Task<(IReadOnlyList<LabelRefDto> Roles, IReadOnlyList<LabelRefDto> Tags)> RolesAndTagsAsync(CommunityDbContext db, string userId,
        CancellationToken cancellationToken)
    {
        // A kind's names are unique, so the rows of one kind keep the order the statement sorted them in.
        var rows = await (from m in db.UserLabels
                          join l in db.Labels on m.LabelId equals l.Id
                          where m.UserId == userId
                          orderby l.NormalizedName
                          select new { m.Kind, Ref = new LabelRefDto(l.Id, l.Name) }).ToListAsync(cancellationToken);
        return ([.. rows.Where(r => r.Kind == ReferenceDataChanged.Role).Select(r => r.Ref)], [.. rows.Where(r => r.Kind == ReferenceDataChanged.Tag).Select(r => r.Ref)]);
    }

    public static async Task<Dictionary<string, List<(string Kind, LabelRefDto Ref)>>> LabelsAsync(CommunityDbContext db, IReadOnlyList<string> userIds,
        CancellationToken cancellationToken)
    {
        var rows = await (from m in db.UserLabels
                          join l in db.Labels on m.LabelId equals l.Id
                          where userIds.Contains(m.UserId)
                          select new { m.UserId, l.Kind, l.Id, l.Name }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => (r.Kind, new LabelRefDto(r.Id, r.Name))).ToList());
    }

    /// <summary>Each user's set values by field key, in the order the fields were created.</summary>
    public static async Task<Dictionary<string, Dictionary<string, JsonNode?>>> CustomFieldsAsync(CommunityDbContext db, IReadOnlyList<string> userIds,
        CancellationToken cancellationToken)
    {
        var rows = await (from v in db.UserFieldValues
                          join f in db.UserFields on v.FieldId equals f.Id
                          where userIds.Contains(v.UserId)
                          orderby f.CreatedAt, f.Id
                          select new { v.UserId, f.Key, v.Value }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Key, r => FieldValueColumns.Json(r.Value)));
    }
}
