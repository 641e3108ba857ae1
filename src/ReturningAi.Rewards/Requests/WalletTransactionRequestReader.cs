using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Rewards.Requests;

/// <summary>
/// Reads a wallet transaction, every problem together: also what the incoming currency webhook and the
/// bulk currency file send, whose <c>add</c>, <c>subtract</c>, <c>overwrite</c> are recorded as
/// <c>credit</c>, <c>debit</c>, <c>set</c>.
/// </summary>
public static class WalletTransactionRequestReader
{
    public static WalletTransactionRequest? Read(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var before = body.Errors.Count;
        var user = UserReferences.Read(body);
        var word = body.ReadString("operation", required: true);
        var operation = word is null ? null : LedgerOperations.Recorded(word);
        if (word is not null && operation is null)
        {
            body.Add("invalid_operation", "operation", $"{body.FieldPath("operation")} must be one of {string.Join(", ", LedgerOperations.Accepted)}.");
        }

        var amountSent = body.IsSet("amount");
        var amount = body.ReadDecimal("amount", required: true);
        if (amountSent && operation is not null && body.Errors.All(e => e.Field != body.FieldPath("amount"))
            && WalletRules.AmountProblem(operation, amount) is { } problem)
        {
            body.Add("invalid_amount", "amount", $"{body.FieldPath("amount")}: {problem}");
        }

        var reason = body.ReadString("reason", required: true, minLength: 1, maxLength: WalletRules.MaxReasonLength);
        var reference = body.ReadString("reference", required: false, maxLength: WalletRules.MaxReferenceLength);
        if (body.Errors.Count > before) return null;
        return new WalletTransactionRequest(user!, operation!, amount, reason!, string.IsNullOrEmpty(reference) ? null : reference);
    }
}
