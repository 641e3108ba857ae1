using MassTransit.Serialization;
using Microsoft.Extensions.Options;
using Npgsql;
using ReturningAi.ClaimCheck;
using ReturningAi.Contracts.Commands;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Memory;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// The claim check of a large create (as many voucher codes and permission names as <see cref="LargeImportMemory"/> calls
/// large): its products are written once, as JSON in small blocks, into the claim check's database, and the command on the
/// broker carries only their address. A 13 MB command then neither crosses RabbitMQ nor makes either side rent a 16 MiB
/// buffer or frame. Smaller commands travel as before.
/// </summary>
public sealed class ProductsCheckIn(
    MessageDataWriter writer, PostgresMessageDataRepository repository, IOptions<BulkOptions> options, ILogger<ProductsCheckIn> logger)
{
    // A little longer than the command itself lives, so that a store which took it just in time still reads it in its retries.
    private readonly TimeSpan _timeToLive = TimeSpan.FromSeconds(options.Value.StoreDeadlineSeconds) + TimeSpan.FromMinutes(1);

    /// <summary>The command to send, or the 502 to answer when the claim check's database cannot be reached.</summary>
    public async Task<(CreateProducts? Command, IResult? Unavailable)> CheckInAsync(HttpContext http, CreateProducts command)
    {
        if (!LargeImportMemory.IsLarge(ProductRules.WorkItems(command.Products))) return (command, null);
        try
        {
            var data = await writer.PutJsonAsync(command.Products, SystemTextJsonMessageSerializer.Options, _timeToLive, http.RequestAborted);
            return (command with { Products = [], ProductsData = data }, null);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.LogError("Could not store the products of a large {Command}: {Reason}", CreateProducts.EntityName, exception.Message);
            return (null, StoreCommandSender.StoreUnavailable(http, "The store is unreachable right now; nothing was sent."));
        }
    }

    /// <summary>A reply's products by claim check that no response will carry (the dry run that only looks for unknown names): deleted now.</summary>
    public async Task DiscardAsync(CreateProductsSucceeded? reply)
    {
        if (reply?.ProductsData is { HasValue: true } data) await repository.DeleteAsync(data.Address, CancellationToken.None);
    }
}
