using MassTransit;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Requests;
using ReturningAi.Contracts.Rewards;
using ReturningAi.Gateway.Authentication;
using ReturningAi.Rewards.Requests;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// <c>PATCH</c> (and <c>PUT</c>) <c>/apis/purchase-histories/{purchaseHistoryID}</c> (rewards.md §6), which the
/// gateway serves itself: it reads the body (all its problems together) and sends the edit to the store as
/// <c>update:purchase-history</c>, the product docs' command; the store answers the order or a rejection.
/// </summary>
public static class PurchaseHistoryApi
{
    private const string Path = "/apis/purchase-histories/{purchaseHistoryID}";
    private const string Description = "`{purchaseHistoryID}` is the order's `_id` or its `orderNumber`. Send `redemptionInstructions` alone, "
        + "`voucherCode` with `voucherExpiryDate` (DD/MM/YYYY), or all three (nothing: 400 `empty_update`; one voucher field alone: 400 "
        + "`voucher_fields_required`). The instructions change on the order only, never on the product; the voucher's code stays unique among "
        + "the product's vouchers (409 `duplicate_voucher`). A refunded order: 409 `order_refunded`; its voucher gone with its product: 404 "
        + "`voucher_not_found`. The store not answering in time: 502.";

    public static IEndpointRouteBuilder MapPurchaseHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapPatch(Path, Update).RequireAuthorization(Permissions.PurchaseHistory).WithTags("Purchase history")
            .WithName("updatePurchaseHistory").WithSummary("Update purchase history").WithDescription(Description)
            .Body<PurchaseHistoryUpdate>().RequestExample(RewardExamples.PurchaseHistoryRequest).Returns<OrderDto>().Errors(400, 404, 409, 502)
            .SuccessExample(200, UpdatedMessage, RewardExamples.Order).RefusalExamples();
        app.MapPut(Path, Update).RequireAuthorization(Permissions.PurchaseHistory).WithTags("Purchase history")
            .WithName("replacePurchaseHistory").WithSummary("Update purchase history (PUT form)").WithDescription(Description)
            .Body<PurchaseHistoryUpdate>().RequestExample(RewardExamples.PurchaseHistoryRequest).Returns<OrderDto>().Errors(400, 404, 409, 502)
            .SuccessExample(200, UpdatedMessage, RewardExamples.Order).RefusalExamples();
        return app;
    }

    private const string UpdatedMessage = "Update purchase history success.";

    /// <summary>Every refusal of an edit, one example per code, in the reference.</summary>
    private static RouteHandlerBuilder RefusalExamples(this RouteHandlerBuilder endpoint) => endpoint
        .RefusalExamples(400,
            new RefusalExample("empty_update", "Send redemptionInstructions, or voucherCode with voucherExpiryDate, or all three."),
            new RefusalExample("voucher_fields_required", "voucherCode and voucherExpiryDate are sent together.", "voucherExpiryDate"),
            new RefusalExample("invalid_date", "voucherExpiryDate must be a real date written DD/MM/YYYY.", "voucherExpiryDate"))
        .RefusalExamples(404,
            new RefusalExample("not_found", "The purchase history was not found."),
            new RefusalExample("voucher_not_found", "The order's voucher is gone with its product.", "voucherCode"))
        .RefusalExamples(409,
            new RefusalExample("duplicate_voucher", "The product already has a voucher 'GIFT-0001-B'.", "voucherCode"),
            new RefusalExample("order_refunded", "The order was refunded, and refunds are final."))
        .RefusalExamples(502, new RefusalExample("upstream_unavailable", "The store is unreachable right now."));

    public static async Task<IResult> Update(string purchaseHistoryID, HttpContext http, IRequestClient<UpdatePurchaseHistory> client,
        StoreCommandSender sender)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var edit = PurchaseHistoryEditReader.Read(new JsonFields(document!.RootElement, errors));
        if (edit is null) return ApiErrors.Validation(http, errors);

        var command = new UpdatePurchaseHistory
        {
            CommunityId = http.User.FindFirst(GatewayClaims.CommunityId)!.Value,
            PurchaseHistoryId = purchaseHistoryID,
            ApiKeyId = http.User.FindFirst(GatewayClaims.ApiKeyId)?.Value,
            RequestId = http.GetRequestId(),
            RedemptionInstructions = edit.RedemptionInstructions,
            VoucherCode = edit.VoucherCode,
            VoucherExpiryDate = edit.VoucherExpiryDate,
        };
        return await sender.SendAsync<UpdatePurchaseHistory, PurchaseHistoryUpdated>(http, client, command, item => item,
            updated => ApiResults.Success(UpdatedMessage, updated.Order));
    }
}
