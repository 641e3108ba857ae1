using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Requests;
using ReturningAi.Contracts.Rewards;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.Lists;
using ReturningAi.Rewards.Requests;
using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Stores;
using ReturningAi.Store.Users;
using ReturningAi.Store.Wallets;

namespace ReturningAi.Store.Apis;

/// <summary>Wallets (rewards.md §3): a user's balance, its ledger, and the wallet transaction, which needs an Idempotency-Key.</summary>
public static class WalletsApi
{
    public static IEndpointRouteBuilder MapWalletsApi(this IEndpointRouteBuilder app)
    {
        var wallet = app.MapGroup("/wallet").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Wallets");
        wallet.MapGet("/", GetWallet).WithName("getWallet").WithSummary("Read a user's wallet")
            .WithDescription("Name the user by exactly one of `userID` and `email`. Balance 0 and `updatedAt` null before the first entry.")
            .UserParameters().Returns<WalletDto>().Errors(400, 404).SuccessExample(200, "Read wallet success.", RewardExamples.Wallet)
            .RefusalExamples(400, RewardRefusalExamples.UserIdentifierRequired).RefusalExamples(404, RewardRefusalExamples.UserNotFound);
        wallet.MapGet("/ledger", ListLedger).WithName("listWalletLedger").WithSummary("List a user's ledger entries")
            .WithDescription("Newest first. Filters: `operation` (credit, debit, set), `source` (api, purchase, refund, bulk), also as `filter=field:value`.")
            .UserParameters().QueryParameter("operation", Microsoft.OpenApi.JsonSchemaType.String, "Only entries of this operation: credit, debit or set.")
            .QueryParameter("source", Microsoft.OpenApi.JsonSchemaType.String, "Only entries written by: api, purchase, refund or bulk.")
            .ListParameters(Ledger).Returns<IReadOnlyList<LedgerEntryDto>>().Errors(400, 404)
            .SuccessExample(200, "Read wallet ledger success.", RewardExamples.Ledger)
            .RefusalExamples(400, RewardRefusalExamples.UserIdentifierRequired, RewardRefusalExamples.InvalidLedgerFilter).RefusalExamples(404, RewardRefusalExamples.UserNotFound);
        wallet.MapPost("/transactions", CreateTransaction).WithName("createWalletTransaction").WithSummary("Credit, debit or set a user's points")
            .WithDescription("`Idempotency-Key` is required: a doubled credit is money. `add`, `subtract`, `overwrite` are accepted and recorded as credit, debit, set; "
                + "a set writes the difference. An overdraw writes nothing (409 `insufficient_balance`).")
            .Body<WalletTransactionBody>().RequestExample(RewardExamples.WalletTransactionRequest).Returns<LedgerEntryDto>(StatusCodes.Status201Created).Errors(400, 404, 409)
            .SuccessExample(201, "Create wallet transaction success.", RewardExamples.LedgerEntry)
            .RefusalExamples(400, RewardRefusalExamples.MissingKey, RewardRefusalExamples.UserIdentifierRequired, RewardRefusalExamples.InvalidOperation, RewardRefusalExamples.InvalidAmount)
            .RefusalExamples(404, RewardRefusalExamples.UserNotFound).RefusalExamples(409, RewardRefusalExamples.Overdraw, RewardRefusalExamples.KeyReused, RewardRefusalExamples.KeyInProgress);

        // The incoming "Update In-game currency" webhook is this same transaction (rewards.md §3), under the incoming key too.
        app.MapPost(IncomingWebhookPaths.Currency, CreateTransaction).RequireCommunity().RequireIncomingKeyOr(Permissions.Store).WithTags("Incoming webhooks")
            .WithName("incomingCurrency").WithSummary("Incoming webhook: add, subtract or overwrite a user's points")
            .WithDescription("One entry in the user's wallet ledger, as `POST /wallet/transactions`: the user by `userID` or `email`; `operation` `add`, "
                + "`subtract` or `overwrite` (`credit`, `debit`, `set` accepted), recorded as credit, debit, set; `amount` > 0 (`overwrite` ≥ 0), ≤ 10⁹, "
                + "≤ 2 decimals; `reason` 1–500 characters; `reference` ≤ 255. `Idempotency-Key` is required, and a retry with it answers the first "
                + "answer again. An overdraw writes nothing (409 `insufficient_balance`); an overwrite writes the difference. While the community's "
                + "incoming encryption is on (`PUT /webhooks/incoming/encryption`), send `x-encrypted: true` and `{\"encrypted\": {alg, iv, "
                + "ciphertext, tag}}` of this body (GCM's additional data: `/webhooks/incoming/currency`); errors then name the plaintext's fields.")
            .Body<WalletTransactionBody>().RequestExample(RewardExamples.IncomingCurrencyRequest).Returns<LedgerEntryDto>(StatusCodes.Status201Created)
            .Errors(400, 404, 409).SuccessExample(201, "Create wallet transaction success.", RewardExamples.LedgerEntry)
            .RefusalExamples(400, RewardRefusalExamples.MissingKey, RewardRefusalExamples.UserIdentifierRequired, RewardRefusalExamples.InvalidOperation,
                RewardRefusalExamples.InvalidAmount, RewardRefusalExamples.InvalidReason, RewardRefusalExamples.EncryptionRequired,
                RewardRefusalExamples.EncryptionDisabled, RewardRefusalExamples.DecryptionFailed)
            .RefusalExamples(404, RewardRefusalExamples.UserNotFound).RefusalExamples(409, RewardRefusalExamples.Overdraw, RewardRefusalExamples.KeyReused, RewardRefusalExamples.KeyInProgress);
        return app;
    }

    public static readonly ListDefinition<LedgerEntry, LedgerEntryDto> Ledger = new ListDefinition<LedgerEntry, LedgerEntryDto>()
        .Sort("createdAt", e => e.CreatedAt).Sort("amount", e => e.Amount)
        .Filter("operation", e => e.Operation).Filter("source", e => e.Source)
        .OrderBy("createdAt", descending: true).Tiebreak(e => e.Id, descending: true);

    public static async Task<IResult> GetWallet(HttpContext http, StoreDbContext db, UserCopyLookup users, WalletBook wallets, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var (user, error) = await QueryUserAsync(http, users, communityId, cancellationToken);
        if (error is not null) return error;
        var terms = await StoreTerms.ReadAsync(db, communityId, cancellationToken);
        return ApiResults.Success("Read wallet success.", await wallets.ReadAsync(user!, terms.CurrencyName, cancellationToken));
    }

    public static async Task<IResult> ListLedger(HttpContext http, StoreDbContext db, UserCopyLookup users, string? operation, string? source,
        CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var list = Ledger.Read(http.Request);
        var errors = list.Errors.ToList();
        if (operation is not null && !LedgerOperations.All.Contains(operation, StringComparer.Ordinal))
        {
            errors.Add(new ErrorItem("invalid_query", $"operation must be one of {string.Join(", ", LedgerOperations.All)}.", "operation"));
        }

        if (source is not null && !LedgerSources.All.Contains(source, StringComparer.Ordinal))
        {
            errors.Add(new ErrorItem("invalid_query", $"source must be one of {string.Join(", ", LedgerSources.All)}.", "source"));
        }

        var reference = ReadUserQuery(http, errors);
        var (entries, filterErrors) = Ledger.Where(db.LedgerEntries.AsNoTracking(), list);
        errors.AddRange(filterErrors);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);
        if (await users.FindAsync(communityId, reference!, cancellationToken) is not { } user) return UserNotFound(http);

        entries = entries.Where(e => e.UserId == user.UserId && e.CommunityId == communityId);
        if (operation is not null) entries = entries.Where(e => e.Operation == operation);
        if (source is not null) entries = entries.Where(e => e.Source == source);
        return await Ledger.PageAsync(http, entries, list, "Read wallet ledger success.",
            items => Task.FromResult<IReadOnlyList<LedgerEntryDto>>([.. items.Select(WalletBook.ToDto)]), cancellationToken);
    }

    public static async Task<IResult> CreateTransaction(HttpContext http, StoreDbContext db, UserCopyLookup users, WalletBook wallets, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = RequiredIdempotencyKey.Check(http);
        var request = WalletTransactionRequestReader.Read(new JsonFields(document!.RootElement, errors));
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var identity = http.GetGatewayIdentity();
        if (await users.FindAsync(identity.CommunityId!, request!.User, cancellationToken) is not { } user) return UserNotFound(http);

        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var wallet = await wallets.LockAsync(identity.CommunityId!, user.UserId, cancellationToken);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var entry = wallets.Record(wallet, new LedgerDraft(request.Operation, request.Amount, request.Reason, request.Reference, LedgerSources.Api,
            ApiKeyId: identity.ApiKeyId), now);
        if (entry is null)
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "insufficient_balance",
                $"The balance ({wallet.Balance}) is lower than the amount; nothing was written.", "amount");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ApiResults.Success("Create wallet transaction success.", WalletBook.ToDto(entry), StatusCodes.Status201Created);
    }

    /// <summary>The user a query names (<c>userID</c> or <c>email</c>), or the 400 or 404 that answers instead.</summary>
    internal static async Task<(UserCopy? User, IResult? Error)> QueryUserAsync(HttpContext http, UserCopyLookup users, string communityId,
        CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        var reference = ReadUserQuery(http, errors);
        if (reference is null) return (null, ApiErrors.Validation(http, errors));
        var user = await users.FindAsync(communityId, reference, cancellationToken);
        return user is null ? (null, UserNotFound(http)) : (user, null);
    }

    internal static UserReference? ReadUserQuery(HttpContext http, List<ErrorItem> errors) =>
        UserReferences.From(http.Request.Query[UserReference.UserIdField].FirstOrDefault(), http.Request.Query[UserReference.EmailField].FirstOrDefault(), errors);

    internal static IResult UserNotFound(HttpContext http) =>
        ApiErrors.Result(http, StatusCodes.Status404NotFound, "user_not_found", "The user was not found in this community.");

    private static RouteHandlerBuilder UserParameters(this RouteHandlerBuilder endpoint) => endpoint
        .QueryParameter(UserReference.UserIdField, Microsoft.OpenApi.JsonSchemaType.String, "The user's `_id` (or send `email`).")
        .QueryParameter(UserReference.EmailField, Microsoft.OpenApi.JsonSchemaType.String, "The user's email (or send `userID`).");
}
