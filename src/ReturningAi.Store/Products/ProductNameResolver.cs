using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Products;

/// <summary>
/// Resolves every readable name of a request inside the community: one query for categories, one for
/// redemption statuses, one for roles, tags and usernames together, whatever the number of products.
/// </summary>
public sealed class ProductNameResolver(StoreDbContext db, Statuses.DefaultStatuses defaults)
{
    internal async Task<(ResolvedNames Names, List<ErrorItem> Errors)> ResolveAsync(
        string communityId, IReadOnlyList<ProductInput> products, bool isBulk, CancellationToken cancellationToken)
    {
        var categoryKeys = products.Select(p => NameKey.Normalize(p.CategoryName)).Distinct().ToList();
        var statusKeys = products.Where(p => p.PurchaseStatusOverrideName is not null)
            .Select(p => NameKey.Normalize(p.PurchaseStatusOverrideName!)).Distinct().ToList();
        var roleKeys = Keys(products, ReferenceDataChanged.Role);
        var tagKeys = Keys(products, ReferenceDataChanged.Tag);
        var userKeys = Keys(products, ReferenceDataChanged.User);
        // A fresh community's Pending exists before any request names it.
        if (statusKeys.Count > 0) await defaults.GetAsync(communityId, cancellationToken);

        var categories = (await db.Categories.AsNoTracking()
                .Where(c => c.CommunityId == communityId && categoryKeys.Contains(c.NormalizedName))
                .Select(c => new { c.NormalizedName, c.Id, c.Name })
                .ToListAsync(cancellationToken))
            .ToDictionary(c => c.NormalizedName, c => (c.Id, c.Name));
        var statuses = statusKeys.Count == 0
            ? []
            : (await db.RedemptionStatuses.AsNoTracking()
                    .Where(s => s.CommunityId == communityId && statusKeys.Contains(s.NormalizedName))
                    .Select(s => new { s.NormalizedName, s.Id, s.Name, s.RefundsPoints })
                    .ToListAsync(cancellationToken));
        var references = await ReferencesAsync(communityId, roleKeys, tagKeys, userKeys, cancellationToken);
        var names = new ResolvedNames(categories, statuses.ToDictionary(s => s.NormalizedName, s => (s.Id, s.Name)), references);
        var refunding = statuses.Where(s => s.RefundsPoints).Select(s => s.NormalizedName).ToHashSet(StringComparer.Ordinal);
        return (names, [.. FindUnresolved(products, names, isBulk), .. RefundingOverrides(products, refunding, isBulk)]);
    }

    /// <summary>
    /// The roles, tags and usernames of other objects' permission entries (a category's), each with the
    /// field path its errors name: resolved and reported exactly as a product's.
    /// </summary>
    internal async Task<(ResolvedNames Names, List<ErrorItem> Errors)> ResolveTargetsAsync(
        string communityId, IReadOnlyList<(string Path, PermissionTargets Targets)> entries, CancellationToken cancellationToken)
    {
        List<string> KeysOf(string kind) => entries.SelectMany(e => TargetsOf(e.Targets, kind)).Select(NameKey.Normalize).Distinct().ToList();
        var references = await ReferencesAsync(communityId, KeysOf(ReferenceDataChanged.Role), KeysOf(ReferenceDataChanged.Tag),
            KeysOf(ReferenceDataChanged.User), cancellationToken);
        var names = new ResolvedNames(new Dictionary<string, (string, string)>(), new Dictionary<string, (string, string)>(), references);
        var errors = new List<ErrorItem>();
        foreach (var (path, targets) in entries)
        {
            FindUnresolvedTargets(targets, path, names, (code, field, what, value) =>
                errors.Add(new ErrorItem(code, $"No {what} named '{value}' in this community.", field)));
        }

        return (names, errors);
    }

    private async Task<Dictionary<(string, string), (string, string)>> ReferencesAsync(
        string communityId, List<string> roleKeys, List<string> tagKeys, List<string> userKeys, CancellationToken cancellationToken)
    {
        var references = new Dictionary<(string, string), (string, string)>();
        if (roleKeys.Count + tagKeys.Count + userKeys.Count > 0)
        {
            var rows = await db.ReferenceNames.AsNoTracking()
                .Where(r => r.CommunityId == communityId && !r.Deleted
                            && ((r.Kind == ReferenceDataChanged.Role && roleKeys.Contains(r.NormalizedName))
                                || (r.Kind == ReferenceDataChanged.Tag && tagKeys.Contains(r.NormalizedName))
                                || (r.Kind == ReferenceDataChanged.User && userKeys.Contains(r.NormalizedName))))
                .Select(r => new { r.Kind, r.NormalizedName, r.Id, r.Name })
                .ToListAsync(cancellationToken);
            foreach (var row in rows) references.TryAdd((row.Kind, row.NormalizedName), (row.Id, row.Name));
        }

        return references;
    }

    /// <summary>An order made in a refunding status would be refunded on entry, so no product starts its orders there.</summary>
    private static IEnumerable<ErrorItem> RefundingOverrides(IReadOnlyList<ProductInput> products, HashSet<string> refunding, bool isBulk) =>
        products.Select((product, p) => (product, p))
            .Where(x => x.product.PurchaseStatusOverrideName is { } name && refunding.Contains(NameKey.Normalize(name)))
            .Select(x => new ErrorItem("refunding_status_override",
                $"'{x.product.PurchaseStatusOverrideName}' refunds points, so orders cannot start in it.", (isBulk ? $"[{x.p}]." : "") + "purchaseStatusOverrideName")
            {
                Index = isBulk ? x.p : null,
            });

    private static List<string> Keys(IReadOnlyList<ProductInput> products, string kind) =>
        products.SelectMany(p => p.ProductPermission).SelectMany(entry => TargetsOf(entry.Permission, kind))
            .Distinct(StringComparer.Ordinal).Select(NameKey.Normalize).Distinct().ToList();

    /// <summary>The names of one kind an entry targets: its list, plus the values of its combination items of that kind.</summary>
    private static IEnumerable<string> TargetsOf(PermissionTargets targets, string kind) =>
        ListOf(targets, kind).Concat(targets.Combination.Where(c => c.Type == kind).SelectMany(c => c.Values));

    private static IReadOnlyList<string> ListOf(PermissionTargets targets, string kind) => kind switch
    {
        ReferenceDataChanged.Role => targets.RoleNames,
        ReferenceDataChanged.Tag => targets.TagNames,
        _ => targets.Usernames,
    };

    private static List<ErrorItem> FindUnresolved(IReadOnlyList<ProductInput> products, ResolvedNames names, bool isBulk)
    {
        var errors = new List<ErrorItem>();
        for (var p = 0; p < products.Count; p++)
        {
            var product = products[p];
            var prefix = isBulk ? $"[{p}]." : "";
            int? index = isBulk ? p : null;
            void Unknown(string code, string field, string what, string value) =>
                errors.Add(new ErrorItem(code, $"No {what} named '{value}' in this community.", prefix + field) { Index = index });

            if (names.Category(product.CategoryName) is null) Unknown("unknown_category", "categoryName", "category", product.CategoryName);
            if (product.PurchaseStatusOverrideName is { } status && names.Status(status) is null)
            {
                Unknown("unknown_redemption_status", "purchaseStatusOverrideName", "redemption status", status);
            }

            for (var e = 0; e < product.ProductPermission.Count; e++)
            {
                FindUnresolvedTargets(product.ProductPermission[e].Permission, $"productPermission[{e}].permission.", names, Unknown);
            }
        }

        return errors;
    }

    private static void FindUnresolvedTargets(PermissionTargets targets, string path, ResolvedNames names, Action<string, string, string, string> unknown)
    {
        foreach (var (kind, field) in new[] { (ReferenceDataChanged.Role, "roleNames"), (ReferenceDataChanged.Tag, "tagNames"), (ReferenceDataChanged.User, "usernames") })
        {
            var list = ListOf(targets, kind);
            for (var i = 0; i < list.Count; i++)
            {
                if (names.Reference(kind, list[i]) is null) unknown($"unknown_{kind}", $"{path}{field}[{i}]", kind, list[i]);
            }
        }

        for (var c = 0; c < targets.Combination.Count; c++)
        {
            var item = targets.Combination[c];
            for (var v = 0; v < item.Values.Count; v++)
            {
                if (names.Reference(item.Type, item.Values[v]) is null)
                {
                    unknown($"unknown_{item.Type}", $"{path}combination[{c}].values[{v}]", item.Type, item.Values[v]);
                }
            }
        }
    }
}
