using System.Text.Json.Nodes;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Members;
using ReturningAi.Messaging;
using ReturningAi.Users;

namespace ReturningAi.Community.Members;

/// <summary>
/// The user events of users.md U9, written to the outbox in the transaction of the change (call after
/// the change is saved, before the commit: the snapshot reads the memberships as they now are).
/// One source per user keeps a user's events in order; <c>ReferenceDataChanged</c> for the user goes
/// with them for consumers of usernames that predate these events.
/// </summary>
internal static class UserEvents
{
    public static string Source(string userId) => $"user:{userId}";

    public static async Task CreatedAsync(CommunityDbContext db, User user, IReadOnlyDictionary<string, JsonNode?> customFields, string source,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (roles, tags) = await UserViews.RolesAndTagsAsync(db, user.Id, cancellationToken);
        db.AddEvent(Fill(new UserCreated { CommunityId = user.CommunityId, UserId = user.Id, Username = user.Username, Email = user.Email,
            DisplayName = user.DisplayName, Status = user.Status, Roles = roles, Tags = tags }, user, now), Source(user.Id));
        db.AddEvent(Fill(new UserJoined { CommunityId = user.CommunityId, UserId = user.Id, Username = user.Username, Email = user.Email,
            DisplayName = user.DisplayName, Status = user.Status, Roles = roles, Tags = tags, CustomFields = customFields, Source = source }, user, now),
            Source(user.Id));
        db.AddEvent(ReferenceData(user), Source(user.Id));
    }

    public static async Task UpdatedAsync(CommunityDbContext db, User user, IReadOnlyList<string> changes, AccountActionDto? accountAction,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (roles, tags) = await UserViews.RolesAndTagsAsync(db, user.Id, cancellationToken);
        db.AddEvent(Fill(new UserUpdated { CommunityId = user.CommunityId, UserId = user.Id, Username = user.Username, Email = user.Email,
            DisplayName = user.DisplayName, Status = user.Status, Roles = roles, Tags = tags, Changes = changes, AccountAction = accountAction }, user, now),
            Source(user.Id));
        db.AddEvent(ReferenceData(user), Source(user.Id));
    }

    public static void FieldChanged(CommunityDbContext db, User user, UserFieldHistoryItem item) =>
        db.AddEvent(new UserFieldChanged(user.CommunityId, user.Id, item.FieldId, item.Field, FieldValueColumns.Json(item.OldValue),
            FieldValueColumns.Json(item.NewValue), item.Source, item.Reference, item.Id, item.ChangedAt, user.Version), Source(user.Id));

    /// <summary>The store resolves usernames in product permissions from these; a deleted user's name resolves no more.</summary>
    public static ReferenceDataChanged ReferenceData(User user) =>
        new(ReferenceDataChanged.User, user.CommunityId, user.Id, user.Username, user.Status == UserStatuses.Deleted, user.Version);

    private static T Fill<T>(T snapshot, User user, DateTimeOffset now) where T : UserSnapshotEvent =>
        snapshot with { Avatar = user.Avatar, JoinedAt = user.JoinedAt, Version = user.Version, OccurredAt = now };
}
