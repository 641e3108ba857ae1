using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;

namespace ReturningAi.Store;

/// <summary>
/// With <c>Demo:ApiKey</c> set, makes sure the demo community has the page example's category and a redemption status.
/// Store instances start side by side and seed alike; the first one's rows stand.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<DemoSeeder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration[DemoCommunity.ConfigurationKey] is not { Length: > 0 } token) return;

        var communityId = DemoCommunity.IdFor(token);
        await scopes.SeedAsync<StoreDbContext>((db, _) => SeedAsync(db, token, communityId, stoppingToken), stoppingToken);
        logger.LogInformation("Demo community {CommunityId} has its store data", communityId);
    }

    private async Task SeedAsync(StoreDbContext db, string token, string communityId, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();

        var category = NameKey.Normalize(DemoCommunity.CategoryName);
        if (!await db.Categories.AnyAsync(c => c.CommunityId == communityId && c.NormalizedName == category, stoppingToken))
        {
            db.Categories.Add(new Category
            {
                Id = DemoCommunity.IdFor(token, "category"), CommunityId = communityId, Name = DemoCommunity.CategoryName,
                NormalizedName = category, Description = "Rewards of the product page's example.", CreatedAt = now, UpdatedAt = now,
            });
        }

        var status = NameKey.Normalize(DemoCommunity.RedemptionStatusName);
        if (!await db.RedemptionStatuses.AnyAsync(s => s.CommunityId == communityId && s.NormalizedName == status, stoppingToken))
        {
            db.RedemptionStatuses.Add(new RedemptionStatus
            {
                Id = DemoCommunity.IdFor(token, "redemption-status"), CommunityId = communityId,
                Name = DemoCommunity.RedemptionStatusName, NormalizedName = status, IsDefault = true, CreatedAt = now, UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(stoppingToken);
    }
}
