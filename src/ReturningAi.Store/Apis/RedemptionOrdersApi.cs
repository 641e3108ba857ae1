using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Requests;
using ReturningAi.Contracts.Rewards;
using ReturningAi.Lists;
using ReturningAi.Rewards.Requests;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Orders;
using ReturningAi.Store.Users;

namespace ReturningAi.Store.Apis;

/// <summary>
/// Redemption orders (rewards.md §5): the community's list with its filters, a user's by email in the
/// documented POST form, one order, status changes (and their older documented form) and the history.
/// A path's <c>{order}</c> is the order's <c>_id</c> or its <c>orderNumber</c>.
/// </summary>
public static class RedemptionOrdersApi
{
    private static readonly string[] FilterNames = ["statusName", "productID", "userID", "email", "createdFrom", "createdTo"];

    public static IEndpointRouteBuilder MapRedemptionOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/redemption-orders").RequireCommunity().RequirePermission(Permissions.Store).WithTags("Redemption orders");
        orders.MapGet("/", ListOrders).WithName("listRedemptionOrders").WithSummary("List redemption orders by community")
            .WithDescription("Newest first. Filters: `statusName`, `productID`, `userID`, `email`, `createdFrom` ≤ createdAt < `createdTo` (ISO-8601).")
            .FilterParameters().ListParameters(List).Returns<IReadOnlyList<OrderDto>>().Errors(400, 404)
            .SuccessExample(200, "Read redemption orders success.", RewardExamples.Orders)
            .RefusalExamples(400, RewardRefusalExamples.InvalidDate, RewardRefusalExamples.InvalidRange).RefusalExamples(404, RewardRefusalExamples.UserNotFound);
        orders.MapPost("/by-email", ListByEmail).WithName("listRedemptionOrdersByEmail").WithSummary("List redemption orders by user email")
            .WithDescription("The product's POST form of `GET /redemption-orders?email=`: `email`, `page`, `limit` and the filters in the body.")
            .Body<OrdersByEmailBody>().RequestExample(RewardExamples.OrdersByEmailRequest).Returns<IReadOnlyList<OrderDto>>().Errors(400, 404)
            .SuccessExample(200, "Read redemption orders success.", RewardExamples.Orders)
            .RefusalExamples(400, RewardRefusalExamples.InvalidDate, RewardRefusalExamples.InvalidRange).RefusalExamples(404, RewardRefusalExamples.UserNotFound);
        orders.MapGet("/{order}", GetOrder).WithName("getRedemptionOrder").WithSummary("Read a redemption order")
            .FieldsParameter<OrderDto>().Returns<OrderDto>().Errors(400, 404).SuccessExample(200, "Read redemption order success.", RewardExamples.Order)
            .RefusalExamples(400, RewardRefusalExamples.InvalidFields).RefusalExamples(404, RewardRefusalExamples.OrderNotFound);
        orders.MapPut("/{order}/status", ChangeStatus).WithName("updateRedemptionOrderStatus").WithSummary("Update redemption order status")
            .WithDescription("Exactly one of `statusName`, `statusID` (400 `status_required`); `note` ≤ 1,000. The current status again: 200, nothing written. "
                + "A status that refunds points credits `pricePaid` back and frees the voucher, once; a refunded order moved elsewhere: 409 `order_refunded`.")
            .Body<OrderStatusChangeBody>().RequestExample(RewardExamples.StatusChangeRequest).Returns<OrderDto>().Errors(400, 404, 409)
            .SuccessExample(200, "Update redemption order status success.", RewardExamples.DeliveredOrder)
            .RefusalExamples(400, RewardRefusalExamples.StatusRequired, RewardRefusalExamples.UnknownStatus).RefusalExamples(404, RewardRefusalExamples.OrderNotFound).RefusalExamples(409, RewardRefusalExamples.OrderRefunded);
        orders.MapGet("/{order}/history", ListHistory).WithName("listRedemptionOrderHistory").WithSummary("Get redemption order status history")
            .WithDescription("Oldest first; the first entry is the purchase's, from null.")
            .ListParameters(History).Returns<IReadOnlyList<OrderHistoryEntryDto>>().Errors(400, 404)
            .SuccessExample(200, "Read redemption order history success.", RewardExamples.History)
            .RefusalExamples(400, RewardRefusalExamples.InvalidLimit).RefusalExamples(404, RewardRefusalExamples.OrderNotFound);

        app.MapPut("/redemption-transactions/status", ChangeTransactionStatus).RequireCommunity().RequirePermission(Permissions.Store)
            .WithTags("Redemption orders").WithName("updateRedemptionTransactionStatus").WithSummary("Update redemption transaction status (older form)")
            .WithDescription("`transactionId` is the order's `_id` or `orderNumber`, `statusId` the status's `_id`: the same change as `PUT /redemption-orders/{order}/status`.")
            .Body<TransactionStatusBody>().RequestExample(RewardExamples.TransactionStatusRequest).Returns<TransactionStatusDto>().Errors(400, 404, 409)
            .SuccessExample(200, "Transaction status updated successfully", RewardExamples.TransactionStatus)
            .RefusalExamples(400, RewardRefusalExamples.TransactionStatusRequired, RewardRefusalExamples.UnknownStatus with { Field = "statusId" }).RefusalExamples(404, RewardRefusalExamples.OrderNotFound)
            .RefusalExamples(409, RewardRefusalExamples.OrderRefunded);
        return app;
    }

    public static readonly ListDefinition<RedemptionOrder, OrderDto> List = new ListDefinition<RedemptionOrder, OrderDto>()
        .Sort("createdAt", o => o.CreatedAt).Sort("updatedAt", o => o.UpdatedAt).Sort("pricePaid", o => o.PricePaid).Sort("orderNumber", o => o.OrderNumber)
        .Filter("priceSource", o => o.PriceSource)
        .Search(o => o.ProductName)
        .OrderBy("createdAt", descending: true).Tiebreak(o => o.Id, descending: true);

    public static readonly ListDefinition<OrderHistoryEntry, OrderHistoryEntryDto> History = new ListDefinition<OrderHistoryEntry, OrderHistoryEntryDto>()
        .Sort("createdAt", h => h.CreatedAt)
        .OrderBy("createdAt").Tiebreak(h => h.Id);

    public static Task<IResult> ListOrders(HttpContext http, StoreDbContext db, UserCopyLookup users, OrderReader reader, CancellationToken cancellationToken) =>
        ListAsync(http, db, users, reader, http.Request.Query, cancellationToken);

    public static async Task<IResult> ListByEmail(HttpContext http, StoreDbContext db, UserCopyLookup users, OrderReader reader, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var body = new JsonFields(document!.RootElement, errors);
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        if (body.ReadString("email", required: true, minLength: 1) is { } email) values["email"] = email;
        foreach (var name in new[] { "page", "limit", "skip" })
        {
            if (body.IsSet(name)) values[name] = body.ReadInt(name, 0).ToString(CultureInfo.InvariantCulture);
        }

        foreach (var name in FilterNames.Where(n => n is not ("email" or "userID")).Append("sort").Append("fields"))
        {
            if (body.ReadString(name, required: false) is { } value) values[name] = value;
        }

        return errors.Count > 0
            ? ApiErrors.Validation(http, errors)
            : await ListAsync(http, db, users, reader, new QueryCollection(values), cancellationToken);
    }

    public static async Task<IResult> GetOrder(string order, HttpContext http, OrderReader reader, CancellationToken cancellationToken)
    {
        var found = await reader.FindAsync(http.GetGatewayIdentity().CommunityId!, order, cancellationToken);
        return found is null ? OrderNotFound(http) : FieldProjection.Success(http, "Read redemption order success.", await reader.ToDtoAsync(found, cancellationToken));
    }

    public static async Task<IResult> ChangeStatus(string order, HttpContext http, OrderStatusChanger changer, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var change = StatusChangeRequestReader.Read(new JsonFields(document!.RootElement, errors));
        if (change is null) return ApiErrors.Validation(http, errors);
        var outcome = await ChangeAsync(http, changer, order, change, cancellationToken);
        return outcome.Order is { } changed ? ApiResults.Success("Update redemption order status success.", changed) : Refused(http, outcome);
    }

    public static async Task<IResult> ChangeTransactionStatus(HttpContext http, OrderStatusChanger changer, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var read = StatusChangeRequestReader.ReadTransactionForm(new JsonFields(document!.RootElement, errors));
        if (read is not { } form) return ApiErrors.Validation(http, errors);
        var outcome = await ChangeAsync(http, changer, form.Order, form.Change, cancellationToken);
        return outcome.Order is { } changed
            ? ApiResults.Success("Transaction status updated successfully", new TransactionStatusDto(changed.OrderNumber, changed.Status.Id, changed.Status))
            : Refused(http, outcome);
    }

    public static async Task<IResult> ListHistory(string order, HttpContext http, StoreDbContext db, OrderReader reader, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var list = History.Read(http.Request);
        if (list.Errors.Count > 0) return ApiErrors.Validation(http, list.Errors);
        if (await reader.FindAsync(communityId, order, cancellationToken) is not { } found) return OrderNotFound(http);
        var entries = db.OrderHistory.AsNoTracking().Where(h => h.OrderId == found.Id && h.CommunityId == communityId);
        return await History.PageAsync(http, entries, list, "Read redemption order history success.",
            items => Task.FromResult<IReadOnlyList<OrderHistoryEntryDto>>([.. items.Select(OrderReader.ToDto)]), cancellationToken);
    }

    private static Task<OrderChangeOutcome> ChangeAsync(HttpContext http, OrderStatusChanger changer, string order, StatusChangeRequest change,
        CancellationToken cancellationToken)
    {
        var identity = http.GetGatewayIdentity();
        return changer.ChangeAsync(identity.CommunityId!, order, change, identity.ApiKeyId, http.GetRequestId(), cancellationToken);
    }

    /// <summary>The list with the contract's filters read from <paramref name="query"/> (the query string, or the POST form's body).</summary>
    private static async Task<IResult> ListAsync(HttpContext http, StoreDbContext db, UserCopyLookup users, OrderReader reader, IQueryCollection query,
        CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var list = ListQueryReader.Read(query, List);
        var errors = list.Errors.ToList();
        var filters = OrderFiltersReader.Read(name => query[name].FirstOrDefault(), errors);
        var (orders, filterErrors) = List.Where(db.RedemptionOrders.AsNoTracking().Where(o => o.CommunityId == communityId), list);
        errors.AddRange(filterErrors);

        if (filters.StatusName is { } statusName)
        {
            var key = NameKey.Normalize(statusName);
            var statusId = await db.RedemptionStatuses.AsNoTracking().Where(s => s.CommunityId == communityId && s.NormalizedName == key)
                .Select(s => s.Id).SingleOrDefaultAsync(cancellationToken);
            if (statusId is null) errors.Add(new ErrorItem("unknown_redemption_status", $"No redemption status named '{statusName}' in this community.", "statusName"));
            else orders = orders.Where(o => o.StatusId == statusId);
        }

        if (errors.Count > 0) return ApiErrors.Validation(http, errors);
        if (filters.Email is { } email)
        {
            if (await users.FindAsync(communityId, new UserReference(null, email), cancellationToken) is not { } user) return WalletsApi.UserNotFound(http);
            orders = orders.Where(o => o.UserId == user.UserId);
        }

        if (filters.UserId is { } userId) orders = orders.Where(o => o.UserId == userId);
        if (filters.ProductId is { } productId) orders = orders.Where(o => o.ProductId == productId);
        if (filters.CreatedFrom is { } from) orders = orders.Where(o => o.CreatedAt >= from);
        if (filters.CreatedTo is { } to) orders = orders.Where(o => o.CreatedAt < to);
        return await List.PageAsync(http, orders, list, "Read redemption orders success.", items => reader.ToDtosAsync(items, cancellationToken), cancellationToken);
    }

    private static IResult Refused(HttpContext http, OrderChangeOutcome outcome) =>
        ApiErrors.Result(http, outcome.Status, outcome.Errors.Count == 1 ? outcome.Errors[0].Message : "The request is invalid.", outcome.Errors);

    private static IResult OrderNotFound(HttpContext http) => ApiErrors.NotFound(http, "The redemption order");

    private static RouteHandlerBuilder FilterParameters(this RouteHandlerBuilder endpoint) => endpoint
        .QueryParameter("statusName", Microsoft.OpenApi.JsonSchemaType.String, "Only orders in this status (by name).")
        .QueryParameter("productID", Microsoft.OpenApi.JsonSchemaType.String, "Only orders of this product.")
        .QueryParameter("userID", Microsoft.OpenApi.JsonSchemaType.String, "Only this user's orders.")
        .QueryParameter("email", Microsoft.OpenApi.JsonSchemaType.String, "Only the orders of the user with this email (404 `user_not_found`).")
        .QueryParameter("createdFrom", Microsoft.OpenApi.JsonSchemaType.String, "ISO-8601: orders created at or after it.")
        .QueryParameter("createdTo", Microsoft.OpenApi.JsonSchemaType.String, "ISO-8601: orders created before it.");
}
