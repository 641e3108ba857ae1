using System.Globalization;
using System.Text.RegularExpressions;

namespace ReturningAi.Webhooks.Deliveries;

/// <summary>
/// <c>Webhooks:RetrySchedule</c>: a comma list of waits (<c>0s,5s,5m,30m,2h,5h,10h,10h</c>; units ms, s, m, h, d).
/// The n-th is the wait before attempt n, the first from the event, each later one from the failure before it;
/// from the third on, up to 10 % is added at random so that a recovering receiver is not hit by every retry at once.
/// </summary>
public sealed partial class RetrySchedule
{
    public const int FirstJitteredAttempt = 3;
    public const double MaxJitter = 0.10;

    private readonly TimeSpan[] _waits;

    private RetrySchedule(TimeSpan[] waits) => _waits = waits;

    public int Attempts => _waits.Length;

    public IReadOnlyList<TimeSpan> Waits => _waits;

    public static RetrySchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var waits = new List<TimeSpan>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var match = Wait().Match(part);
            if (!match.Success) throw new FormatException($"'{part}' in the retry schedule '{text}' is not a wait such as 0s, 500ms, 5m or 2h.");
            var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            waits.Add(match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            });
        }

        return waits.Count > 0 ? new RetrySchedule([.. waits]) : throw new FormatException("The retry schedule needs at least one wait.");
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> (1-based), jitter included; null after the last.</summary>
    public TimeSpan? WaitBefore(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (attempt < 1 || attempt > _waits.Length) return null;
        var wait = _waits[attempt - 1];
        return attempt < FirstJitteredAttempt ? wait : wait + wait * (random.NextDouble() * MaxJitter);
    }

    [GeneratedRegex(@"^(\d{1,9})(ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Wait();
}
