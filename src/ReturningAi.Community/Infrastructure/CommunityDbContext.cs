using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.Community.Model;
using ReturningAi.Messaging;

namespace ReturningAi.Community.Infrastructure;

public sealed class CommunityDbContext(DbContextOptions<CommunityDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Model.Community> Communities => Set<Model.Community>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Label> Labels => Set<Label>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserLabel> UserLabels => Set<UserLabel>();
    public DbSet<UserField> UserFields => Set<UserField>();
    public DbSet<UserFieldValue> UserFieldValues => Set<UserFieldValue>();
    public DbSet<UserFieldHistoryItem> UserFieldHistory => Set<UserFieldHistoryItem>();
    public DbSet<AccountAction> AccountActions => Set<AccountAction>();
    public DbSet<IncomingWebhookSettings> IncomingWebhookSettings => Set<IncomingWebhookSettings>();

    /// <summary>The Data Protection key ring of <see cref="ServiceDefaults.Data.StoredSecrets"/> (incoming encryption keys).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<BulkRowResult> BulkRowResults => Set<BulkRowResult>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Substring search (users' names and emails, text values) through trigram indexes.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommunityDbContext).Assembly).AddIdempotencyRecords().AddOutbox();
    }
}
