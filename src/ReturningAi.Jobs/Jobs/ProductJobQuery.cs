using Microsoft.Extensions.Primitives;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Jobs.Jobs;

/// <summary>
/// The query of <c>POST /products/bulk?async=true</c> (events-and-jobs.md section 3): <c>async=true</c>, and <c>onError</c>
/// <c>abort</c> (the default) or <c>skip</c>. Any other value, a repeated parameter or any other parameter (a dry run
/// cannot be queued) is 400 <c>unsupported_option</c>: a job is never started with an option it would ignore.
/// </summary>
public static class ProductJobQuery
{
    public const string Async = "async";
    public const string OnError = "onError";

    public static (string OnError, List<ErrorItem> Errors) Read(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var onError = ProductJobPolicies.Abort;
        var errors = new List<ErrorItem>();
        foreach (var (name, values) in query)
        {
            var value = values.Count == 1 ? values[0] ?? "" : null;
            if (string.Equals(name, Async, StringComparison.Ordinal))
            {
                if (value != "true") errors.Add(Unsupported(name, "async must be true: the synchronous create is POST /products/bulk without it."));
            }
            else if (string.Equals(name, OnError, StringComparison.Ordinal))
            {
                if (value is not null && ProductJobPolicies.All.Contains(value, StringComparer.Ordinal)) onError = value;
                else errors.Add(Unsupported(name, $"onError must be one of {string.Join(", ", ProductJobPolicies.All)}, once."));
            }
            else
            {
                errors.Add(Unsupported(name, $"'{Shorten(name)}' is not an option of a products job; use async=true and onError=abort or skip."));
            }
        }

        return (onError, errors);
    }

    private static ErrorItem Unsupported(string name, string message) => new("unsupported_option", message, Shorten(name));

    private static string Shorten(string name) => name.Length > 64 ? name[..64] : name;
}
