using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using MassTransit.Serialization;
using ReturningAi.ClaimCheck;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Memory;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// Carries out <c>PRODUCT_EVENTS.CREATE_PRODUCTS</c> and replies on the request; the products are announced
/// by <c>PRODUCT_EVENTS.PRODUCTS_CREATED</c>, written with them (<see cref="ProductCreator"/>). Handled once per
/// message id by <c>handled_commands</c>, in the transaction of the products, which also keeps the reply.
/// A large command's products come by claim check (<see cref="CreateProducts.ProductsData"/>), or a large request's body
/// as uploaded (<see cref="CreateProducts.UploadData"/>), read here by the readers the gateway uses for a small one: read
/// from the claim check's database, and deleted from it once the command is answered or dropped; its reply goes back the same way.
/// </summary>
public sealed class CreateProductsConsumer(
    ProductCreator creator, IdempotentReplies replies, LargeCommandGate gate, MessageDataWriter payloads, PostgresMessageDataRepository repository,
    IOptions<JsonOptions> apiJson, ILogger<CreateProductsConsumer> logger)
    : IConsumer<CreateProducts>
{
    public async Task Consume(ConsumeContext<CreateProducts> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = command.RequestId });
        var upload = command.UploadData is { HasValue: true } body ? body.Address : null;
        var checkedIn = command.ProductsData is { HasValue: true } data ? data.Address : upload;
        if (await replies.DropIfExpiredAsync(context, command.CommunityId, command.DryRun ? null : command.Idempotency, CreateProducts.EntityName))
        {
            await DeleteAsync(checkedIn);
            return;
        }

        try
        {
            if (upload is null) await CreateFromCommandAsync(context, command, byClaimCheck: checkedIn is not null);
            else await CreateFromUploadAsync(context, command, upload);
        }
        catch (MessageDataNotFoundException)
        {
            // Only reading the products throws it. They are deleted once answered: this is a redelivery of a command whose
            // reply already went out (its acknowledgement was lost).
            logger.LogWarning("Dropped a {Command} whose products were already consumed", CreateProducts.EntityName);
            return;
        }

        await DeleteAsync(checkedIn);
    }

    /// <summary>Products carried by the command, or by claim check when they were many.</summary>
    private async Task CreateFromCommandAsync(ConsumeContext<CreateProducts> context, CreateProducts command, bool byClaimCheck)
    {
        var products = byClaimCheck
            ? await payloads.ReadJsonAsync<List<ProductInput>>(command.ProductsData!, SystemTextJsonMessageSerializer.Options, context.CancellationToken)
            : command.Products;
        using (await gate.EnterAsync(ProductRules.WorkItems(products), context.CancellationToken))
        {
            await CreateAsync(context, command, products, item => item, byClaimCheck);
        }
    }

    /// <summary>A request's body as uploaded: read with the gateway's readers, then created, or refused with its problems located.</summary>
    private async Task CreateFromUploadAsync(ConsumeContext<CreateProducts> context, CreateProducts command, Uri upload)
    {
        // An upload counts as large by its length: the gate is taken before its bytes are read.
        using (await gate.EnterAsync(LargeImportMemory.LargeVoucherCount, context.CancellationToken))
        {
            ProductsReadResult read;
            string refusal;
            Func<ErrorItem, ErrorItem> locate;
            await using (var payload = await repository.OpenReadAsync(upload, context.CancellationToken))
            {
                (read, refusal, locate) = await ProductUploadReader.ReadAsync(command.UploadFormat, payload, context.CancellationToken);
            }

            if (read.Succeeded) await CreateAsync(context, command, read.Products, locate, byClaimCheck: true);
            else await RefuseAsync(context, command, read, refusal, locate);
        }
    }

    private async Task CreateAsync(
        ConsumeContext<CreateProducts> context, CreateProducts command, IReadOnlyList<ProductInput> products, Func<ErrorItem, ErrorItem> locate, bool byClaimCheck)
    {
        CreateOutcome? outcome = null;
        await replies.RespondAsync<CreateProductsSucceeded>(context, command.CommunityId, command.DryRun ? null : command.Idempotency, async () =>
        {
            outcome = await creator.CreateAsync(command.CommunityId, products, isBulk: true, command.DryRun,
                context.MessageId, command.RequestId, context.CancellationToken, mayBeRepeat: context.ReceiveContext.Redelivered);
            return (outcome.Succeeded, outcome.Rejected is { } rejected ? rejected with { Errors = [.. rejected.Errors.Select(locate)] } : null);
        }, byClaimCheck ? CheckInReplyAsync : null);

        if (outcome is { Succeeded: { DryRun: false } succeeded, Replayed: false })
        {
            var vouchers = products.Sum(p => (long)p.Vouchers.Count);
            logger.LogInformation("Created {ProductCount} products with {VoucherCount} vouchers for community {CommunityId}",
                succeeded.Products.Count, vouchers, command.CommunityId);
        }
    }

    /// <summary>
    /// An upload with problems: refused with all of them, located, and with the names that do not resolve in the community when
    /// every item could be read (a dry run of the items without their codes), as the gateway answers a small body. The key of
    /// an <c>Idempotency-Key</c> is not taken, as when the gateway refuses a body itself.
    /// </summary>
    private async Task RefuseAsync(
        ConsumeContext<CreateProducts> context, CreateProducts command, ProductsReadResult read, string message, Func<ErrorItem, ErrorItem> locate)
    {
        var errors = read.Errors;
        if (read.NamesCheckable)
        {
            var names = await creator.CreateAsync(command.CommunityId, [.. read.Products.Select(p => p with { Vouchers = [] })], isBulk: true, dryRun: true,
                commandId: null, command.RequestId, context.CancellationToken, mayBeRepeat: false);
            errors = ProductErrors.WithUnresolvedNames(errors, names.Rejected?.Errors.Select(locate) ?? []);
        }

        var rejected = new CommandRejected(StatusCodes.Status400BadRequest, message, errors);
        await replies.RespondAsync<CreateProductsSucceeded>(context, command.CommunityId, stamp: null, () => Task.FromResult((default(CreateProductsSucceeded), (CommandRejected?)rejected)));
    }

    /// <summary>
    /// A large command's reply goes back the way it came: its products as the response's JSON array, written with the API's
    /// JSON options, by claim check. The gateway copies them into the response and deletes them; the sweep takes them if not.
    /// </summary>
    private async Task<CreateProductsSucceeded> CheckInReplyAsync(CreateProductsSucceeded reply)
    {
        var data = await payloads.PutJsonAsync(reply.Products, apiJson.Value.SerializerOptions, ReplyTimeToLive, CancellationToken.None);
        return reply with { Products = [], ProductsData = data, CheckedInCount = reply.Products.Count };
    }

    private static readonly TimeSpan ReplyTimeToLive = TimeSpan.FromMinutes(2);

    // Not with the consume's token: the reply is out, the payload should go whatever happens to this delivery now.
    private async Task DeleteAsync(Uri? address)
    {
        if (address is not null) await repository.DeleteAsync(address, CancellationToken.None);
    }
}
