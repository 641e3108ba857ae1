using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Store;
using ReturningAi.Store.Infrastructure;

namespace ReturningAi.Store.Stores;

/// <summary>What purchases and wallets read of the store configuration: whether it is open and its currency's name (defaults before the first write).</summary>
public sealed record StoreTerms(bool IsOpen, string CurrencyName)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<StoreTerms> ReadAsync(StoreDbContext db, string communityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.StoreConfigurations.AsNoTracking().Where(c => c.CommunityId == communityId)
            .Select(c => new { c.IsEnabled, c.Currency }).SingleOrDefaultAsync(cancellationToken);
        return From(stored?.IsEnabled, stored?.Currency);
    }

    /// <summary>The terms of a stored configuration's two columns, read by a caller's own query; nulls when there is none.</summary>
    public static StoreTerms From(bool? isEnabled, string? currency) =>
        isEnabled is { } enabled && currency is not null
            ? new StoreTerms(enabled, JsonSerializer.Deserialize<StoreCurrency>(currency, Json)!.Name)
            : new StoreTerms(true, StoreCurrency.Default.Name);
}
