using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.Community.Members;

/// <summary>Roles and tags named in a request, resolved to the community's labels (case-insensitively).</summary>
internal static class Memberships
{
    /// <summary>The labels <paramref name="names"/> name, in order; each unknown name is an error at <c>path[i]</c>.</summary>
    public static async Task<List<Label>> ResolveAsync(CommunityDbContext db, string communityId, string kind, IReadOnlyList<string>? names,
        string path, List<ErrorItem> errors, CancellationToken cancellationToken)
    {
        if (names is null || names.Count == 0) return [];
        var keys = names.Select(NameKey.Normalize).Distinct().ToList();
        var labels = await db.Labels.Where(l => l.CommunityId == communityId && l.Kind == kind && keys.Contains(l.NormalizedName))
            .ToListAsync(cancellationToken);
        var found = new List<Label>();
        for (var i = 0; i < names.Count; i++)
        {
            var label = labels.FirstOrDefault(l => l.NormalizedName == NameKey.Normalize(names[i]));
            if (label is null)
            {
                var code = kind == ReferenceDataChanged.Role ? "unknown_role" : "unknown_tag";
                errors.Add(new ErrorItem(code, $"'{names[i]}' is not a {kind} of this community.", $"{path}[{i}]"));
            }
            else if (!found.Contains(label))
            {
                found.Add(label);
            }
        }

        return found;
    }

    public static void Add(CommunityDbContext db, User user, IEnumerable<Label> labels)
    {
        foreach (var label in labels)
        {
            db.UserLabels.Add(new UserLabel { UserId = user.Id, LabelId = label.Id, CommunityId = user.CommunityId, Kind = label.Kind });
        }
    }
}
