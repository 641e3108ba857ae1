using System.Globalization;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Rewards.Requests;

/// <summary>
/// Reads a purchase-history edit as the product documents it: <c>redemptionInstructions</c> alone,
/// <c>voucherCode</c> with <c>voucherExpiryDate</c> (<c>DD/MM/YYYY</c>, a real date), or all three.
/// Nothing: 400 <c>empty_update</c>; one voucher field alone: 400 <c>voucher_fields_required</c>.
/// The gateway reads it to build the command, the store again when it carries it out.
/// </summary>
public static class PurchaseHistoryEditReader
{
    public static PurchaseHistoryEdit? Read(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var before = body.Errors.Count;
        var instructions = body.ReadString("redemptionInstructions", required: false, minLength: 1, maxLength: PurchaseHistoryEdit.MaxInstructionsLength);
        var code = body.ReadString("voucherCode", required: false, minLength: 1, maxLength: PurchaseHistoryEdit.MaxVoucherCodeLength);
        var dateText = body.ReadString("voucherExpiryDate", required: false);
        DateTimeOffset? date = null;
        if (dateText is not null)
        {
            if (DateTime.TryParseExact(dateText, PurchaseHistoryEdit.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                date = new DateTimeOffset(parsed.Date, TimeSpan.Zero);
            }
            else
            {
                body.Add("invalid_date", "voucherExpiryDate", $"{body.FieldPath("voucherExpiryDate")} must be a real date written DD/MM/YYYY.");
            }
        }

        var sentCode = body.IsSet("voucherCode");
        var sentDate = body.IsSet("voucherExpiryDate");
        if (sentCode != sentDate)
        {
            var missing = sentCode ? "voucherExpiryDate" : "voucherCode";
            body.Errors.Add(new ErrorItem("voucher_fields_required", "voucherCode and voucherExpiryDate are sent together.", body.FieldPath(missing)));
        }
        else if (!sentCode && !body.IsSet("redemptionInstructions") && body.Errors.Count == before)
        {
            body.Errors.Add(new ErrorItem("empty_update", "Send redemptionInstructions, or voucherCode with voucherExpiryDate, or all three."));
        }

        return body.Errors.Count > before ? null : new PurchaseHistoryEdit(instructions, code, date);
    }
}
