using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Deliveries;

/// <summary>
/// What an attempt's result does to its delivery and endpoint (events-and-jobs.md §1.3): a 2xx succeeds and
/// ends the endpoint's failing spell; a failure schedules the next attempt (later, if the receiver's
/// <c>Retry-After</c> asks, up to 10 h) or, after the last, fails; 410 disables the endpoint at once, and
/// failing for <see cref="WebhookOptions.DisableAfter"/> does too. A test delivery has one attempt and leaves the endpoint as it is.
/// </summary>
public sealed class DeliveryPolicy(RetrySchedule schedule, TimeSpan disableAfter, Random random)
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(10);

    public RetrySchedule Schedule => schedule;

    /// <returns>The reason the endpoint is now disabled, if this result disabled it.</returns>
    public string? Apply(WebhookDelivery delivery, WebhookEndpoint endpoint, AttemptResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(result);
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastErrorCode = result.ErrorCode;
        delivery.LastErrorMessage = result.ErrorMessage;
        delivery.NextAttemptAt = null;

        if (result.Succeeded)
        {
            delivery.State = DeliveryStates.Succeeded;
            if (!delivery.IsTest) endpoint.FailingSince = null;
            return null;
        }

        delivery.State = DeliveryStates.Failed;
        if (delivery.IsTest) return null;

        endpoint.FailingSince ??= now;
        var disabled = result.Gone ? DisabledReasons.Gone
            : now - endpoint.FailingSince.Value >= disableAfter ? DisabledReasons.Failing
            : null;
        if (disabled is not null || !endpoint.IsEnabled)
        {
            if (disabled is not null) Disable(endpoint, disabled, now);
            return disabled;
        }

        if (schedule.WaitBefore(delivery.Attempts + 1, random) is { } wait)
        {
            if (result.RetryAfter is { } asked && asked > wait) wait = asked < MaxRetryAfter ? asked : MaxRetryAfter;
            delivery.State = DeliveryStates.Pending;
            delivery.NextAttemptAt = now + wait;
        }

        return null;
    }

    /// <summary>A delivery whose endpoint is disabled fails without an attempt.</summary>
    public static void FailDisabled(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        delivery.State = DeliveryStates.Failed;
        delivery.NextAttemptAt = null;
        delivery.LastErrorCode = DeliveryErrors.EndpointDisabled;
        delivery.LastErrorMessage = "The endpoint is disabled.";
    }

    public static void Disable(WebhookEndpoint endpoint, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.IsEnabled = false;
        endpoint.DisabledReason = reason;
        endpoint.UpdatedAt = now;
    }
}
