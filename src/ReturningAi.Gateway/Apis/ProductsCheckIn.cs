using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;
using ReturningAi.ClaimCheck;
using ReturningAi.Contracts.Commands;
using ReturningAi.Csv;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Memory;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// The claim check of a large create (as many voucher codes and permission names as <see cref="LargeImportMemory"/> calls
/// large): its products are written once, as JSON in small blocks, into the claim check's database, and the command on the
/// broker carries only their address. A 13 MB command then neither crosses RabbitMQ nor makes either side rent a 16 MiB
/// buffer or frame. Smaller commands travel as before. A large body is not even parsed here: it is streamed as uploaded
/// into the claim check (<see cref="CheckInUploadAsync"/>) and the store reads it.
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

    /// <summary>
    /// Streams a create's body into the claim check as it arrives, in 64 KiB blocks: the JSON array as sent, or the CSV file of
    /// a multipart upload (with the same checks as <see cref="CsvFileUpload.ReadAsync"/>, its bytes hashed for the
    /// <c>Idempotency-Key</c> as they pass). Its address, or the 400 of a multipart body without one acceptable file, or the 502
    /// when the claim check's database cannot be reached.
    /// </summary>
    public async Task<(MessageData<Stream>? Data, IResult? Error)> CheckInUploadAsync(
        HttpContext http, MediaTypeHeaderValue mediaType, UploadedBodyFormat format, IdempotencyHeader idempotency)
    {
        MessageData<Stream>? stored = null;
        try
        {
            if (format == UploadedBodyFormat.Json)
            {
                // The body's length is bounded by the request's limit (413 past it), as when it is parsed here.
                return (await writer.PutStreamAsync(http.Request.Body, long.MaxValue, _timeToLive, http.RequestAborted), null);
            }

            var (file, error) = await CsvFileUpload.StreamAsync(http, mediaType, async (body, _) => stored =
                await writer.PutStreamAsync(idempotency.HashingUploadedFile(http, body), CsvFileUpload.MaxFileBytes, _timeToLive, http.RequestAborted), "file");
            if (error is null) return (file, null);
            if (stored is not null) await repository.DeleteAsync(stored.Address, CancellationToken.None);
            return (null, ApiErrors.Result(http, StatusCodes.Status400BadRequest, error.Code, error.Message));
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.LogError("Could not store the body of a large {Command}: {Reason}", CreateProducts.EntityName, exception.Message);
            return (null, StoreCommandSender.StoreUnavailable(http, "The store is unreachable right now; nothing was sent."));
        }
    }

    /// <summary>A reply's products by claim check that no response will carry (the dry run that only looks for unknown names): deleted now.</summary>
    public async Task DiscardAsync(CreateProductsSucceeded? reply)
    {
        if (reply?.ProductsData is { HasValue: true } data) await repository.DeleteAsync(data.Address, CancellationToken.None);
    }
}
