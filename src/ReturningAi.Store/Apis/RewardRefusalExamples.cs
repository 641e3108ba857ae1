using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.Lists;
using ReturningAi.Rewards.Purchases;
using ReturningAi.Rewards.Requests;
using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Store.Apis;

/// <summary>The refusals of the rewards routes (rewards.md §3-6) as the API reference shows them: one example per code.</summary>
internal static class RewardRefusalExamples
{
    public static RefusalExample MissingKey { get; } = Of(RequiredIdempotencyKey.Missing);
    public static RefusalExample KeyReused { get; } = new("idempotency_key_reused", "This Idempotency-Key was used with another request body.", IdempotencyKey.HeaderName);
    public static RefusalExample KeyInProgress { get; } =
        new("idempotency_key_in_progress", "A request with this Idempotency-Key is still running; retry when it has finished.", IdempotencyKey.HeaderName);
    public static RefusalExample UserIdentifierRequired { get; } = new(UserReference.RequiredCode, UserReference.RequiredMessage, UserReference.UserIdField);
    public static RefusalExample UserNotFound { get; } = Of(PurchaseRefusals.UserNotFound);
    public static RefusalExample OrderNotFound { get; } = new("not_found", "The redemption order was not found.");
    public static RefusalExample InvalidLedgerFilter { get; } = new("invalid_query", $"operation must be one of {string.Join(", ", LedgerOperations.All)}.", "operation");
    public static RefusalExample InvalidDate { get; } = new("invalid_date", "createdFrom must be an ISO-8601 date or date-time.", "createdFrom");
    public static RefusalExample InvalidRange { get; } = new("invalid_range", "createdFrom must be before createdTo.", "createdTo");
    public static RefusalExample InvalidOperation { get; } = new("invalid_operation", $"operation must be one of {string.Join(", ", LedgerOperations.Accepted)}.", "operation");
    public static RefusalExample InvalidAmount { get; } = new("invalid_amount", $"amount: {WalletRules.AmountProblem(LedgerOperations.Credit, 0m)}", "amount");
    public static RefusalExample InvalidReason { get; } = new("invalid_length", "reason must be 1–500 characters long after trimming.", "reason");
    public static RefusalExample EncryptionRequired { get; } = Of(IncomingEncryptionRefusals.Required);
    public static RefusalExample EncryptionDisabled { get; } = Of(IncomingEncryptionRefusals.Disabled);
    public static RefusalExample DecryptionFailed { get; } = Of(IncomingEncryptionRefusals.DecryptionFailed("A256GCM", IncomingWebhookPaths.Currency));
    public static RefusalExample Overdraw { get; } = new("insufficient_balance", "The balance (120) is lower than the amount; nothing was written.", "amount");
    public static RefusalExample StatusRequired { get; } = new("status_required", "Send exactly one of statusName and statusID.", "statusName");
    public static RefusalExample TransactionStatusRequired { get; } = new("status_required", "Send statusId, the id of the status to move to.", "statusId");
    public static RefusalExample InvalidFields { get; } = new("invalid_fields", "'secret' is not a field of this object; use _id, orderNumber, status, …", "fields");
    public static RefusalExample InvalidLimit { get; } = new("invalid_query", $"limit must be an integer 1–{ListQuery.MaxLimit}.", "limit");
    public static RefusalExample UnknownStatus { get; } = new("unknown_redemption_status", "No redemption status named 'Delivered' in this community.", "statusName");
    public static RefusalExample OrderRefunded { get; } = new("order_refunded", "The order was refunded, and refunds are final.");

    /// <summary>Every refusal of a purchase with this status, in the order its rules apply.</summary>
    public static RefusalExample[] Purchase(int status) =>
    [
        .. PurchaseRefusals.Fixed.Append(PurchaseRefusals.MissingInformation("phone")).Where(r => r.Status == status).Select(Of),
    ];

    private static RefusalExample Of(ErrorItem error) => new(error.Code, error.Message, error.Field);

    private static RefusalExample Of(PurchaseRefusal refusal) => new(refusal.Code, refusal.Message, refusal.Field);
}
