using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Apis;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Events;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Users.History;

namespace ReturningAi.Community;

/// <summary>
/// With <c>Demo:ApiKey</c> set, makes sure the demo community exists with that key (every permission),
/// the role, tag and user of the product page's example, and tells the store about them: the user once,
/// by USER_CREATED when it is made, as every user; the names again on every start, for a store database
/// that was reset. Idempotent: instances started side by side seed alike and the first one's rows stand.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<DemoSeeder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration[DemoCommunity.ConfigurationKey] is not { Length: > 0 } token) return;

        var communityId = DemoCommunity.IdFor(token);
        await scopes.SeedAsync<CommunityDbContext>(
            (db, _) => SeedAsync(db, token, communityId, stoppingToken), stoppingToken);
        logger.LogInformation("Demo community {CommunityId} is ready", communityId);
    }

    private async Task SeedAsync(CommunityDbContext db, string token, string communityId, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();

        if (!await db.Communities.AnyAsync(c => c.Id == communityId, stoppingToken))
        {
            db.Communities.Add(new Model.Community { Id = communityId, Name = "Demo Community", Url = "https://demo.returning.ai", Version = 1, CreatedAt = now, UpdatedAt = now });
        }

        var hash = ApiKeyTokens.Hash(token);
        if (!await db.ApiKeys.AnyAsync(k => k.TokenHash == hash, stoppingToken))
        {
            db.ApiKeys.Add(new ApiKey
            {
                Id = DemoCommunity.IdFor(token, "api-key"), CommunityId = communityId, Name = "Demo key",
                Permissions = [.. Permissions.All], TokenHash = hash, CreatedAt = now,
            });
        }

        var role = await EnsureLabelAsync(db, communityId, ReferenceDataChanged.Role, DemoCommunity.RoleName, now, stoppingToken);
        var tag = await EnsureLabelAsync(db, communityId, ReferenceDataChanged.Tag, DemoCommunity.TagName, now, stoppingToken);
        db.AddChange(LabelsApi.Changed(role, deleted: false));
        db.AddChange(LabelsApi.Changed(tag, deleted: false));

        await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);
        var normalizedUsername = NameKey.Normalize(DemoCommunity.Username);
        var user = await db.Users.SingleOrDefaultAsync(u => u.CommunityId == communityId && u.NormalizedUsername == normalizedUsername, stoppingToken);
        if (user is null)
        {
            user = new User
            {
                Id = DemoCommunity.IdFor(token, "user"), CommunityId = communityId, Username = DemoCommunity.Username,
                NormalizedUsername = normalizedUsername, Email = "alex@example.com", NormalizedEmail = "ALEX@EXAMPLE.COM",
                DisplayName = DemoCommunity.Username, JoinedAt = now, Version = 1, CreatedAt = now, UpdatedAt = now,
            };
            db.Users.Add(user);
            await db.SaveChangesAsync(stoppingToken);
            // As every user reaches the store: USER_CREATED through the outbox, so the store's copy (and the
            // README's rewards walk-through) has the demo user.
            await UserEvents.CreatedAsync(db, user, new Dictionary<string, JsonNode?>(), HistorySources.System, now, stoppingToken);
        }
        else
        {
            db.AddChange(UserEvents.ReferenceData(user));
        }

        await db.SaveChangesAsync(stoppingToken);
        await transaction.CommitAsync(stoppingToken);
    }

    private static async Task<Label> EnsureLabelAsync(CommunityDbContext db, string communityId, string kind, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = NameKey.Normalize(name);
        var label = await db.Labels.SingleOrDefaultAsync(l => l.CommunityId == communityId && l.Kind == kind && l.NormalizedName == normalized, cancellationToken);
        if (label is not null) return label;

        label = new Label { Id = ObjectIds.New(), CommunityId = communityId, Kind = kind, Name = name, NormalizedName = normalized, Version = 1, CreatedAt = now };
        db.Labels.Add(label);
        return label;
    }
}
