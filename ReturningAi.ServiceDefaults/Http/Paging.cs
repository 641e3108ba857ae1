using System.Globalization;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>The contract's list paging: <c>page</c> ≥ 1 (default 1), <c>limit</c> 1–100 (default 20).</summary>
public sealed record Paging(int Page, int Limit, IReadOnlyList<ErrorItem> Errors)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public int Skip => (Page - 1) * Limit;

    public static Paging From(string? page, string? limit)
    {
        var errors = new List<ErrorItem>();
        var pageNumber = Parse(page, "page", 1, int.MaxValue, 1, errors);
        var limitNumber = Parse(limit, "limit", 1, MaxLimit, DefaultLimit, errors);
        return new Paging(pageNumber, limitNumber, errors);
    }

    public ApiMeta Meta(int total) => ApiMeta.Success(200) with
    {
        Page = Page,
        Limit = Limit,
        Total = total,
        TotalPages = (total + Limit - 1) / Limit,
    };

    private static int Parse(string? text, string name, int min, int max, int fallback, List<ErrorItem> errors)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        var range = max == int.MaxValue ? $"at least {min}" : $"{min}–{max}";
        errors.Add(new ErrorItem("invalid_query", $"{name} must be an integer {range}.", name));
        return fallback;
    }
}
