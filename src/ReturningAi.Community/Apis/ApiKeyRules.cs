using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Community.Apis;

/// <summary>
/// What a key may do to keys (CONTRACT.md section 8): grant only permissions it holds, leave its own
/// permissions and expiry alone, never leave the community without an unexpired key holding
/// <c>api-keys</c>, and never bring an expired key back.
/// </summary>
internal static class ApiKeyRules
{
    /// <summary>403 <c>permission_escalation</c> naming each permission the caller does not hold.</summary>
    public static IResult? Escalation(HttpContext http, IReadOnlyList<string> requested)
    {
        var held = http.GetGatewayIdentity().Permissions;
        var errors = new List<ErrorItem>();
        for (var i = 0; i < requested.Count; i++)
        {
            if (!Permissions.Covers(held, requested[i]))
            {
                errors.Add(new ErrorItem("permission_escalation",
                    $"This API key does not hold '{requested[i]}', so it cannot grant it.", $"permissions[{i}]"));
            }
        }

        return errors.Count == 0 ? null : ApiErrors.Result(http, StatusCodes.Status403Forbidden, "A key can grant only permissions it holds.", errors);
    }

    /// <summary>403 <c>self_modification</c> when the calling key would change its own permissions or expiry.</summary>
    public static IResult? SelfModification(HttpContext http, ApiKey key, ApiKeyInput input)
    {
        if (http.GetGatewayIdentity().ApiKeyId != key.Id) return null;
        var field = input.Permissions is { } permissions && !permissions.ToHashSet(StringComparer.Ordinal).SetEquals(key.Permissions) ? "permissions"
            : input.ExpiresAtSent && input.ExpiresAt != key.ExpiresAt ? "expiresAt"
            : null;
        return field is null
            ? null
            : ApiErrors.Result(http, StatusCodes.Status403Forbidden, "self_modification",
                $"A key cannot change its own {field}; use another key that holds 'api-keys'.", field);
    }

    public static IResult Expired(HttpContext http) =>
        ApiErrors.Result(http, StatusCodes.Status409Conflict, "api_key_expired", "This API key has expired; expiry is final. Revoke it and create another.");

    public static IResult LastAdminKey(HttpContext http, string? field) =>
        ApiErrors.Result(http, StatusCodes.Status409Conflict, "last_admin_key",
            $"This is the community's last unexpired key holding '{Permissions.ApiKeys}'; create another such key first.", field);

    public static bool IsExpired(ApiKey key, DateTimeOffset now) => key.ExpiresAt is { } expiry && expiry <= now;

    /// <summary>
    /// Runs <paramref name="change"/> on the key as it is now, in a transaction that holds the community's lock on
    /// its keys, so that two requests that each take away one of the last two admin keys are decided one after the
    /// other (the second sees the first's commit). The change answers a refusal, or null to commit.
    /// </summary>
    public static Task<(IResult? Refusal, ApiKey? Key)> UnderLockAsync(
        CommunityDbContext db, string communityId, string keyId, Func<ApiKey?, Task<IResult?>> change, CancellationToken cancellationToken) =>
        // The context's execution strategy retries transient failures, and so must own the transaction.
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT id FROM communities WHERE id = {communityId} FOR UPDATE", cancellationToken);
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.CommunityId == communityId, cancellationToken);
            var refusal = await change(key);
            if (refusal is null) await transaction.CommitAsync(cancellationToken);
            return (refusal, key);
        });

    /// <summary>Whether <paramref name="key"/> is the community's last unexpired key holding <c>api-keys</c> (call under the lock).</summary>
    public static async Task<bool> IsLastAdminAsync(CommunityDbContext db, ApiKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!IsAdmin(key.Permissions) || IsExpired(key, now)) return false;
        var granting = AdminGranting;
        return !await db.ApiKeys.AnyAsync(k => k.CommunityId == key.CommunityId && k.Id != key.Id
                                               && k.Permissions.Any(p => granting.Contains(p)) && (k.ExpiresAt == null || k.ExpiresAt > now), cancellationToken);
    }

    public static bool IsAdmin(IEnumerable<string> permissions) => Permissions.Covers(permissions, Permissions.ApiKeys);

    /// <summary>The permission names that each grant <c>api-keys</c> (today only itself), for the query above.</summary>
    private static readonly string[] AdminGranting = [.. Permissions.All.Where(p => Permissions.Covers([p], Permissions.ApiKeys))];
}
