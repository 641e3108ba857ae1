using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Requests;
using ReturningAi.Contracts.Rewards;
using ReturningAi.Rewards.Requests;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Store.Purchases;

namespace ReturningAi.Store.Apis;

/// <summary><c>POST /store/purchases</c> (rewards.md §4): one voucher of one product for one user, Idempotency-Key required.</summary>
public static class PurchasesApi
{
    public static IEndpointRouteBuilder MapPurchasesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/store/purchases", Purchase).RequireCommunity().RequirePermission(Permissions.Store).WithTags("Purchases")
            .WithName("createPurchase").WithSummary("Buy a product for a user")
            .WithDescription("`Idempotency-Key` is required. The rules apply in this order, the first refusal answering and nothing written: "
                + "the body (400), the user live (404 `user_not_found`) and not banned (403 `user_banned`), the product (404 `product_not_found`), "
                + "the store open (409 `store_closed`), the product not archived (409 `product_archived`), the user's grant (403 `view_only`, `not_eligible`), "
                + "the information the product collects (400 `missing_user_information`), room in a purchase limit (409 `purchase_limit_reached`), "
                + "`expectedPrice` (409 `price_changed`), a sellable voucher (409 `out_of_stock`), the balance (409 `insufficient_balance`). "
                + "`transaction` is null at price 0.")
            .Body<PurchaseBody>().RequestExample(RewardExamples.PurchaseRequest).Returns<PurchaseDto>(StatusCodes.Status201Created).Errors(400, 403, 404, 409)
            .SuccessExample(201, "Purchase success.", RewardExamples.Purchase)
            .RefusalExamples(400, [RewardRefusalExamples.MissingKey, RewardRefusalExamples.UserIdentifierRequired, .. RewardRefusalExamples.Purchase(400)])
            .RefusalExamples(403, RewardRefusalExamples.Purchase(403)).RefusalExamples(404, RewardRefusalExamples.Purchase(404))
            .RefusalExamples(409, [.. RewardRefusalExamples.Purchase(409), RewardRefusalExamples.KeyReused, RewardRefusalExamples.KeyInProgress]);
        return app;
    }

    public static async Task<IResult> Purchase(HttpContext http, Purchaser purchaser, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = RequiredIdempotencyKey.Check(http);
        var request = PurchaseRequestReader.Read(new JsonFields(document!.RootElement, errors));
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var identity = http.GetGatewayIdentity();
        var outcome = await purchaser.PurchaseAsync(identity.CommunityId!, identity.ApiKeyId, http.GetRequestId(), request!, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return ApiErrors.Result(http, refusal.Status, refusal.Code, refusal.Message, refusal.Field);
        }

        return ApiResults.Success("Purchase success.", outcome.Purchase!, StatusCodes.Status201Created);
    }
}
