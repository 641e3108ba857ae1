using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Members;

/// <summary>
/// Imports dated past changes (users.md U7), all or nothing. Per user and field, items are taken in
/// <c>changedAt</c> order: an item later than every stored item of its pair becomes the value (rules
/// checked, version bumped, <c>USER_FIELD_CHANGED</c>); an earlier one is kept as history only
/// (<c>applied: false</c>). Each item's <c>oldValue</c> is the value in effect just before it. A
/// reference already stored for its pair is skipped and its stored item returned, so a re-posted batch
/// creates nothing.
/// </summary>
internal static class HistoryImport
{
    public sealed record Outcome(IReadOnlyList<UserFieldHistoryItem> Items, int Created, int Skipped, int Applied);

    private sealed record Planned(HistoryImportItem Item, User User, UserField Field, FieldValue? Value);

    public static async Task<Outcome> RunAsync(CommunityDbContext db, string communityId, string? userId, IReadOnlyList<HistoryImportItem> items,
        CreatorInfo creator, CancellationToken cancellationToken)
    {
        var users = await LockUsersAsync(db, communityId, userId, items, cancellationToken);
        var fields = await LockedFields.ResolveAsync(db, communityId,
            [.. items.Select(i => new FieldAssignment(i.Field, i.NewValue, $"[{i.Index}].field", $"[{i.Index}].newValue", i.Index))],
            null, cancellationToken, allowRepeats: true);
        var planned = items.Select((item, n) => new Planned(item, users[item.Index], fields.Values[n].Field, fields.Values[n].Value)).ToList();

        var duplicates = planned.Where(p => p.Item.Note.Reference is not null)
            .GroupBy(p => (p.User.Id, p.Field.Id, p.Item.Note.Reference))
            .SelectMany(g => g.Skip(1))
            .Select(p => new ErrorItem("duplicate_reference", $"reference '{p.Item.Note.Reference}' appears twice for this user and field in this request.",
                $"[{p.Item.Index}].reference") { Index = p.Item.Index })
            .ToList();
        if (duplicates.Count > 0) throw RefusedException.Invalid(duplicates);

        var now = await DatabaseClock.NowAsync(db, cancellationToken);
        var results = new UserFieldHistoryItem[items.Count];
        int created = 0, skipped = 0, applied = 0;
        foreach (var pair in planned.GroupBy(p => (p.User.Id, p.Field.Id)))
        {
            var user = pair.First().User;
            var field = pair.First().Field;
            var stored = await db.UserFieldHistory.Where(h => h.UserId == user.Id && h.FieldId == field.Id)
                .OrderBy(h => h.ChangedAt).ThenBy(h => h.CreatedAt).ThenBy(h => h.Id).ToListAsync(cancellationToken);
            foreach (var entry in pair.OrderBy(p => p.Item.ChangedAt).ThenBy(p => p.Item.Index))
            {
                var existing = entry.Item.Note.Reference is { } reference ? stored.FirstOrDefault(h => h.Reference == reference) : null;
                if (existing is not null)
                {
                    results[entry.Item.Index] = existing;
                    skipped++;
                    continue;
                }

                var item = await ImportAsync(db, entry, stored, creator, now, cancellationToken);
                var position = stored.FindIndex(h => h.ChangedAt > item.ChangedAt);
                stored.Insert(position < 0 ? stored.Count : position, item);
                results[entry.Item.Index] = item;
                created++;
                if (item.Applied) applied++;
            }
        }

        return new Outcome(results, created, skipped, applied);
    }

    private static async Task<UserFieldHistoryItem> ImportAsync(CommunityDbContext db, Planned entry, List<UserFieldHistoryItem> stored,
        CreatorInfo creator, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (item, user, field) = (entry.Item, entry.User, entry.Field);
        var before = stored.LastOrDefault(h => h.ChangedAt <= item.ChangedAt)?.NewValue;
        var latest = stored.Count == 0 || stored.All(h => h.ChangedAt < item.ChangedAt);
        if (latest)
        {
            if (entry.Value is null && field.Required)
            {
                throw RefusedException.Invalid("field_required", $"'{field.Key}' is a required field: its latest value cannot be cleared.",
                    $"[{item.Index}].newValue");
            }

            var conflicts = await UniqueValues.ConflictsAsync(db, user.Id,
                [new LockedValue(field, entry.Value, new FieldAssignment(field.Key, default, $"[{item.Index}].field", $"[{item.Index}].newValue", item.Index))],
                cancellationToken);
            if (conflicts.Count > 0) throw RefusedException.Conflict(conflicts);
        }

        var history = FieldValueWriter.Record(db, user, field, before, entry.Value, HistorySources.Import, item.Note, latest, creator, item.ChangedAt, now);
        if (latest) await ApplyAsync(db, user, field, entry.Value, history, now, cancellationToken);
        return history;
    }

    /// <summary>The item becomes the value; a value it leaves as it was costs no version or event.</summary>
    private static async Task ApplyAsync(CommunityDbContext db, User user, UserField field, FieldValue? value, UserFieldHistoryItem history,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.UserFieldValues.SingleOrDefaultAsync(v => v.UserId == user.Id && v.FieldId == field.Id, cancellationToken);
        if (row?.Value == value?.Canonical) return;
        FieldValueWriter.Store(db, row, user, field, value, history.ChangedAt);
        FieldValueWriter.Applied(db, user, history, now);
        // Saved at once: the next item of the pair reads this value back from the database.
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every user the items name, locked in id order (two imports never wait on each other in a cycle).</summary>
    private static async Task<Dictionary<int, User>> LockUsersAsync(CommunityDbContext db, string communityId, string? userId,
        IReadOnlyList<HistoryImportItem> items, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<int, string>();
        var missing = new List<ErrorItem>();
        foreach (var item in items)
        {
            var reference = item.User;
            var user = userId is not null ? await UserFinder.FindAsync(db, communityId, userId, cancellationToken)
                : reference!.UserId is { } id ? await UserFinder.FindAsync(db, communityId, id, cancellationToken)
                : reference.Email is { } email ? await UserFinder.FindLiveByEmailAsync(db, communityId, email, cancellationToken)
                : await UserFinder.FindLiveByUsernameAsync(db, communityId, reference.Username!, cancellationToken);
            if (user is null)
            {
                if (userId is not null) throw RefusedException.NotFound("The user");
                var field = reference!.UserId is not null ? "userID" : reference.Email is not null ? "email" : "username";
                missing.Add(new ErrorItem("user_not_found", $"[{item.Index}].{field} names no user of this community.", $"[{item.Index}].{field}") { Index = item.Index });
            }
            else
            {
                ids[item.Index] = user.Id;
            }
        }

        if (missing.Count > 0) throw new RefusedException(StatusCodes.Status404NotFound, "Some users were not found.", missing);

        var locked = new Dictionary<string, User>(StringComparer.Ordinal);
        foreach (var id in ids.Values.Distinct().Order(StringComparer.Ordinal))
        {
            var user = await UserFinder.LockAsync(db, communityId, id, cancellationToken) ?? throw RefusedException.NotFound("The user");
            if (user.IsDeleted) throw UserEdits.UserDeleted();
            locked[id] = user;
        }

        return ids.ToDictionary(p => p.Key, p => locked[p.Value]);
    }
}
