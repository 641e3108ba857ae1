using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReturningAi.ServiceDefaults.Data;

public static class StoredSecretsExtensions
{
    /// <summary>
    /// <see cref="StoredSecrets"/> with its key ring in <typeparamref name="TContext"/>'s <c>data_protection_keys</c>;
    /// <paramref name="applicationName"/> is the key ring's discriminator, the same for every instance of the service.
    /// </summary>
    public static TBuilder AddStoredSecrets<TBuilder, TContext>(this TBuilder builder, string applicationName)
        where TBuilder : IHostApplicationBuilder where TContext : DbContext, IDataProtectionKeyContext
    {
        builder.Services.AddDataProtection().SetApplicationName(applicationName).PersistKeysToDbContext<TContext>();
        builder.Services.AddSingleton<StoredSecrets>();
        return builder;
    }
}
