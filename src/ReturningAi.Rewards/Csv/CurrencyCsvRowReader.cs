using System.Globalization;
using ReturningAi.Contracts.Http;
using ReturningAi.Rewards.Wallets;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Rewards.Csv;

/// <summary>
/// Reads one record of a currency CSV against its header, every problem together, by the wallet's rules
/// (rewards.md section 3, <see cref="WalletRules"/>, <see cref="LedgerOperations"/>): <c>add</c>, <c>subtract</c>,
/// <c>overwrite</c> (or <c>credit</c>, <c>debit</c>, <c>set</c>) in any case; an amount as a plain decimal with a point.
/// Problems carry the row and the column (as <c>field</c> and <c>column</c>); the user and the balance are the Store's to judge.
/// </summary>
public static class CurrencyCsvRowReader
{
    private const NumberStyles AmountStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static CurrencyCsvRow? Read(CurrencyCsvHeader header, int row, IReadOnlyList<string> cells, List<ErrorItem> errors)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(errors);
        var start = errors.Count;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var text = cells[i].Trim();
            if (i >= header.Columns.Count)
            {
                if (text.Length == 0) continue;
                errors.Add(new ErrorItem("unexpected_cell", $"Line {row} has more cells than the header.", null) { Row = row });
                break;
            }

            if (header.Columns[i] is not { } column) continue;
            if (!TextCharacters.AreAllowed(text))
            {
                errors.Add(CurrencyCsvHeader.Error("invalid_character", $"The cell {TextCharacters.Rule}.", column, row));
                continue;
            }

            values[column] = text;
        }

        var email = values.GetValueOrDefault(CurrencyCsvHeader.Email, "");
        if (email.Length == 0) errors.Add(CurrencyCsvHeader.Error("user_not_found", "The cell is empty; every row names its user by email.", CurrencyCsvHeader.Email, row));

        var word = values.GetValueOrDefault(CurrencyCsvHeader.Operation, "");
        var operation = LedgerOperations.Recorded(word.ToLowerInvariant());
        if (operation is null)
        {
            errors.Add(CurrencyCsvHeader.Error("invalid_operation",
                $"{(word.Length == 0 ? "The cell is empty" : $"'{word}' is not an operation")}; use add, subtract or overwrite.", CurrencyCsvHeader.Operation, row));
        }

        var amountText = values.GetValueOrDefault(CurrencyCsvHeader.Amount, "");
        var amount = 0m;
        var amountProblem = !decimal.TryParse(amountText, AmountStyle, CultureInfo.InvariantCulture, out amount)
            ? amountText.Length == 0 ? "The cell is empty; amount is a number such as 100 or 12.50." : $"'{amountText}' is not a number such as 100 or 12.50."
            : operation is null ? null : WalletRules.AmountProblem(operation, amount);
        if (amountProblem is not null) errors.Add(CurrencyCsvHeader.Error("invalid_amount", amountProblem, CurrencyCsvHeader.Amount, row));

        var reason = values.GetValueOrDefault(CurrencyCsvHeader.Reason, "");
        if (reason.Length == 0) errors.Add(CurrencyCsvHeader.Error("missing_reason", "The cell is empty; every entry needs a reason.", CurrencyCsvHeader.Reason, row));
        else if (reason.Length > WalletRules.MaxReasonLength)
        {
            errors.Add(CurrencyCsvHeader.Error("invalid_reason", $"A reason is at most {WalletRules.MaxReasonLength} characters.", CurrencyCsvHeader.Reason, row));
        }

        var reference = values.GetValueOrDefault(CurrencyCsvHeader.Reference, "");
        if (reference.Length > WalletRules.MaxReferenceLength)
        {
            errors.Add(CurrencyCsvHeader.Error("invalid_reference", $"A reference is at most {WalletRules.MaxReferenceLength} characters.",
                CurrencyCsvHeader.Reference, row));
        }

        if (errors.Count > start) return null;
        return new CurrencyCsvRow(row, email, operation!, amount, reason, reference.Length == 0 ? null : reference);
    }
}
