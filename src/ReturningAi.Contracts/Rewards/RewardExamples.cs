namespace ReturningAi.Contracts.Rewards;

/// <summary>
/// The rewards' example bodies and answers for the API reference, one consistent story: Alex is credited 500
/// points, buys a gift card at 150, and the order moves from Pending to Delivered. Shared by the store's routes
/// and the gateway's purchase-history route.
/// </summary>
public static class RewardExamples
{
    public const string UserId = "6650a1b2c3d4e5f607182931";

    public const string WalletTransactionRequest = """
        {"userID": "6650a1b2c3d4e5f607182931", "operation": "credit", "amount": 500, "reason": "Season reward", "reference": "season-12"}
        """;

    public const string IncomingCurrencyRequest = """
        {"email": "ada@example.com", "operation": "add", "amount": 500, "reason": "Tournament win", "reference": "match-8812"}
        """;

    public const string LedgerEntry = """
        {"_id": "6650a1b2c3d4e5f607182940", "userID": "6650a1b2c3d4e5f607182931", "operation": "credit", "amount": 500, "delta": 500,
         "balance": 500, "reason": "Season reward", "reference": "season-12", "source": "api", "orderID": null, "jobID": null,
         "apiKeyID": "6650a1b2c3d4e5f607182901", "createdAt": "2026-12-01T09:00:00.000Z"}
        """;

    public const string Ledger = "[" + LedgerEntry + "]";

    public const string Wallet = """
        {"userID": "6650a1b2c3d4e5f607182931", "username": "alex", "email": "alex@example.com", "balance": 350, "currencyName": "Coins",
         "updatedAt": "2026-12-01T09:05:00.000Z"}
        """;

    public const string PurchaseRequest = """
        {"productID": "6650a1b2c3d4e5f607182950", "userID": "6650a1b2c3d4e5f607182931", "expectedPrice": 150,
         "userInformation": {"name": "Alex Doe"}}
        """;

    public const string Order = """
        {"_id": "6650a1b2c3d4e5f607182960", "orderNumber": "ORD20261201A1B2C3D4", "communityID": "6650a1b2c3d4e5f607182900",
         "userID": "6650a1b2c3d4e5f607182931", "username": "alex", "email": "alex@example.com",
         "product": {"_id": "6650a1b2c3d4e5f607182950", "name": "Gift card 10 EUR", "image": null, "category": "Gift cards",
                     "redemptionInstructions": "Redeem at checkout."},
         "voucherCode": "GIFT-0001", "voucherExpiryDate": "2027-06-30T00:00:00.000Z", "pricePaid": 150, "priceSource": "regular",
         "currencyName": "Coins", "status": {"_id": "6650a1b2c3d4e5f607182970", "name": "Pending", "category": "incomplete", "color": null},
         "userInformation": {"name": "Alex Doe", "phone": null, "address": null}, "refundedAt": null,
         "createdAt": "2026-12-01T09:05:00.000Z", "updatedAt": "2026-12-01T09:05:00.000Z"}
        """;

    public const string Orders = "[" + Order + "]";

    public const string Purchase = """
        {"order": 
        """ + Order + """
        , "transaction": {"_id": "6650a1b2c3d4e5f607182941", "userID": "6650a1b2c3d4e5f607182931", "operation": "debit", "amount": 150,
         "delta": -150, "balance": 350, "reason": "Purchase of Gift card 10 EUR", "reference": "ORD20261201A1B2C3D4", "source": "purchase",
         "orderID": "6650a1b2c3d4e5f607182960", "jobID": null, "apiKeyID": "6650a1b2c3d4e5f607182901", "createdAt": "2026-12-01T09:05:00.000Z"},
         "wallet": 
        """ + Wallet + "}";

    public const string StatusChangeRequest = """
        {"statusName": "Delivered", "note": "Code sent by email"}
        """;

    /// <summary>The order after its move to Delivered.</summary>
    public static readonly string DeliveredOrder = Order
        .Replace("""{"_id": "6650a1b2c3d4e5f607182970", "name": "Pending", "category": "incomplete", "color": null}""", DeliveredStatus, StringComparison.Ordinal)
        .Replace("""
            "updatedAt": "2026-12-01T09:05:00.000Z"}
            """, """
            "updatedAt": "2026-12-01T10:00:00.000Z"}
            """, StringComparison.Ordinal);

    public const string TransactionStatusRequest = """
        {"transactionId": "ORD20261201A1B2C3D4", "statusId": "6650a1b2c3d4e5f607182971"}
        """;

    private const string DeliveredStatus = """{"_id": "6650a1b2c3d4e5f607182971", "name": "Delivered", "category": "complete", "color": "#22AA55"}""";

    public const string TransactionStatus = """{"transactionId": "ORD20261201A1B2C3D4", "statusId": "6650a1b2c3d4e5f607182971", "status": """ + DeliveredStatus + "}";

    public const string History = """
        [{"_id": "6650a1b2c3d4e5f607182980", "orderID": "6650a1b2c3d4e5f607182960", "fromStatus": null,
          "toStatus": {"_id": "6650a1b2c3d4e5f607182970", "name": "Pending"}, "note": null, "refunded": false,
          "apiKeyID": "6650a1b2c3d4e5f607182901", "createdAt": "2026-12-01T09:05:00.000Z"},
         {"_id": "6650a1b2c3d4e5f607182981", "orderID": "6650a1b2c3d4e5f607182960",
          "fromStatus": {"_id": "6650a1b2c3d4e5f607182970", "name": "Pending"},
          "toStatus": {"_id": "6650a1b2c3d4e5f607182971", "name": "Delivered"}, "note": "Code sent by email", "refunded": false,
          "apiKeyID": "6650a1b2c3d4e5f607182901", "createdAt": "2026-12-01T10:00:00.000Z"}]
        """;

    public const string OrdersByEmailRequest = """
        {"email": "alex@example.com", "page": 1, "limit": 20, "statusName": "Delivered"}
        """;

    public const string PurchaseHistoryRequest = """
        {"redemptionInstructions": "Redeem at checkout before 30 June.", "voucherCode": "GIFT-0001-B", "voucherExpiryDate": "30/06/2027"}
        """;
}
