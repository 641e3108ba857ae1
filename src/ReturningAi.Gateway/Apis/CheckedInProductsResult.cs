using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using ReturningAi.ClaimCheck;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// The success envelope of a large create whose products the store sent back by claim check: the envelope is written
/// around the stored JSON array, which is copied into the response as it is (the store wrote it with the API's JSON
/// options), as it comes off PostgreSQL, instead of reading 1.6 million names into objects (or one array) and writing them
/// again. The payload is deleted afterwards.
/// </summary>
internal sealed class CheckedInProductsResult(ApiMeta meta, string message, MessageData<Stream> products) : IResult
{
    private static readonly byte[] EmptyDataAndEnd = "[]}"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var repository = services.GetRequiredService<PostgresMessageDataRepository>();
        StoredPayloadStream payload;
        try
        {
            payload = await repository.OpenReadAsync(products.Address, httpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is MessageDataNotFoundException or NpgsqlException or TimeoutException)
        {
            services.GetRequiredService<ILogger<CheckedInProductsResult>>().LogError("Could not read the store's reply: {Reason}", exception.Message);
            await StoreCommandSender.StoreUnavailable(httpContext, "The store's answer could not be read; the products were created. " +
                "Send the request again with the same Idempotency-Key to get it.").ExecuteAsync(httpContext);
            return;
        }

        await using (payload)
        {
            // The envelope as ApiResults writes it, with an empty array where the products go: "data" is its last member.
            var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var envelope = JsonSerializer.SerializeToUtf8Bytes(new ApiEnvelope<int[]>(meta, message, []), json);
            if (!envelope.AsSpan().EndsWith(EmptyDataAndEnd)) throw new InvalidOperationException("The envelope no longer ends with its data.");
            var head = envelope.AsMemory(0, envelope.Length - EmptyDataAndEnd.Length);

            var response = httpContext.Response;
            response.StatusCode = meta.StatusCode;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = head.Length + payload.PayloadLength + 1;
            await response.Body.WriteAsync(head, httpContext.RequestAborted);
            await payload.CopyToAsync(response.Body, httpContext.RequestAborted);
            await response.Body.WriteAsync("}"u8.ToArray(), httpContext.RequestAborted);
        }

        await repository.DeleteAsync(products.Address, CancellationToken.None);
    }
}
