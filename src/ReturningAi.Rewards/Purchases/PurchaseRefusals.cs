namespace ReturningAi.Rewards.Purchases;

/// <summary>
/// Every refusal of a purchase (rewards.md §4), each with its own code. 403: this user may not buy it
/// (the code tells it from a key's <c>forbidden</c>); 409: the request is right but the state refuses it;
/// 400: the request must change.
/// </summary>
public static class PurchaseRefusals
{
    public static PurchaseRefusal UserNotFound { get; } = new(404, "user_not_found", "The user was not found in this community.");
    public static PurchaseRefusal UserBanned { get; } = new(403, "user_banned", "The user is banned and may not buy.");
    public static PurchaseRefusal ProductNotFound { get; } = new(404, "product_not_found", "The product was not found.", "productID");
    public static PurchaseRefusal StoreClosed { get; } = new(409, "store_closed", "The store is closed.");
    public static PurchaseRefusal ProductArchived { get; } = new(409, "product_archived", "The product is archived and cannot be bought.", "productID");
    public static PurchaseRefusal ViewOnly { get; } = new(403, "view_only", "The user may see this product but not buy it.");
    public static PurchaseRefusal NotEligible { get; } = new(403, "not_eligible", "The user is not eligible to buy this product.");
    public static PurchaseRefusal LimitReached { get; } = new(409, "purchase_limit_reached", "The user has reached the purchase limit of this product for now.");
    public static PurchaseRefusal PriceChanged { get; } = new(409, "price_changed", "The price is not expectedPrice any more.", "expectedPrice");
    public static PurchaseRefusal OutOfStock { get; } = new(409, "out_of_stock", "The product has no voucher left to sell.");
    public static PurchaseRefusal InsufficientBalance { get; } = new(409, "insufficient_balance", "The user's balance is lower than the price.");

    /// <summary>Every refusal but <see cref="MissingInformation"/>, in the order the rules apply (declared last: it reads the ones above).</summary>
    public static IReadOnlyList<PurchaseRefusal> Fixed { get; } =
        [UserNotFound, UserBanned, ProductNotFound, StoreClosed, ProductArchived, ViewOnly, NotEligible, LimitReached, PriceChanged, OutOfStock, InsufficientBalance];

    public static PurchaseRefusal MissingInformation(string field) =>
        new(400, "missing_user_information", $"userInformation.{field} is required by this product.", $"userInformation.{field}");
}
