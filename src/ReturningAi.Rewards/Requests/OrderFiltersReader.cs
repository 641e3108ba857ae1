using System.Globalization;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Rewards.Requests;

/// <summary>Reads the order list's filters from query or body values (blank = not sent); dates are ISO-8601.</summary>
public static class OrderFiltersReader
{
    public static OrderFilters Read(Func<string, string?> value, List<ErrorItem> errors)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(errors);
        var from = ReadDate(value("createdFrom"), "createdFrom", errors);
        var to = ReadDate(value("createdTo"), "createdTo", errors);
        if (from is { } f && to is { } t && f >= t)
        {
            errors.Add(new ErrorItem("invalid_range", "createdFrom must be before createdTo.", "createdTo"));
        }

        return new OrderFilters(Text(value("statusName")), Text(value("productID")), Text(value("userID")), Text(value("email")), from, to);
    }

    private static DateTimeOffset? ReadDate(string? text, string field, List<ErrorItem> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        errors.Add(new ErrorItem("invalid_date", $"{field} must be an ISO-8601 date or date-time.", field));
        return null;
    }

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
