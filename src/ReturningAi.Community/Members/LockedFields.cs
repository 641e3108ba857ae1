using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Http;
using ReturningAi.Users.Fields;

namespace ReturningAi.Community.Members;

/// <summary>
/// The values a write sets, resolved against the community's fields and checked by type, with the
/// fields it uses share-locked (<see cref="UserFields.ShareLockAsync"/>): what was checked is what holds
/// until the commit. Should a definition change between the read and the lock, the values are checked
/// again against the definitions as they are now.
/// </summary>
internal sealed record LockedFields(IReadOnlyList<UserField> All, IReadOnlyList<LockedValue> Values)
{
    private const int Attempts = 3;

    public UserField Field(string id) => All.First(f => f.Id == id);

    /// <param name="alsoLock">Further fields the write uses (say, those whose default a new user gets).</param>
    /// <param name="allowRepeats">A field may be set more than once (an import of several dated values).</param>
    public static async Task<LockedFields> ResolveAsync(CommunityDbContext db, string communityId, IReadOnlyList<FieldAssignment> assignments,
        Func<IReadOnlyList<UserField>, IEnumerable<UserField>>? alsoLock, CancellationToken cancellationToken, bool allowRepeats = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var all = await UserFields.AllAsync(db, communityId, cancellationToken);
            var errors = new List<ErrorItem>();
            var resolved = FieldAssignments.Resolve(assignments, [.. all.Select(UserFields.Known)], errors, allowRepeats);
            if (errors.Count > 0) throw RefusedException.Invalid(errors);

            var used = resolved.Select(r => r.Field.Id).Concat(alsoLock?.Invoke(all).Select(f => f.Id) ?? []).ToHashSet(StringComparer.Ordinal);
            var locked = await UserFields.ShareLockAsync(db, used, cancellationToken);
            var unchanged = locked.Count == used.Count && locked.All(l => all.First(f => f.Id == l.Id).Version == l.Version);
            if (unchanged || attempt == Attempts)
            {
                if (!unchanged) throw RefusedException.Conflict("field_changed", "A user field this request uses is being changed; try again.", null);
                return new LockedFields(all, [.. resolved.Select(r => new LockedValue(all.First(f => f.Id == r.Field.Id), r.Value, r.Assignment))]);
            }
        }
    }
}
