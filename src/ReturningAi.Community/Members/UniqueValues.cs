using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Community.Members;

internal static class UniqueValues
{
    /// <summary>
    /// The 409 items for values of unique fields that another live user already holds, each at its path;
    /// the unique index still decides a race between two writers of the same value.
    /// </summary>
    public static async Task<List<ErrorItem>> ConflictsAsync(CommunityDbContext db, string? userId, IEnumerable<LockedValue> values,
        CancellationToken cancellationToken)
    {
        var conflicts = new List<ErrorItem>();
        foreach (var value in values.Where(v => v.Field.IsUnique && v.Value?.UniqueKey is not null))
        {
            var key = value.Value!.UniqueKey;
            if (await db.UserFieldValues.AnyAsync(v => v.FieldId == value.Field.Id && v.UniqueKey == key && v.UserLive && v.UserId != userId,
                    cancellationToken))
            {
                conflicts.Add(new ErrorItem("duplicate_value", $"Another user already has this {value.Field.Key}; it is a unique field.",
                    value.Assignment.ValuePath) { Index = value.Assignment.Index });
            }
        }

        return conflicts;
    }
}
