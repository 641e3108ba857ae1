using MassTransit;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// Sends a product command to the store over the bus and waits, under one deadline, for its reply:
/// the outcome as an HTTP status and envelope. No answer in time, a broker that cannot be reached,
/// or a store that failed: 502, and the command expires unprocessed rather than land later.
/// </summary>
public sealed class StoreCommandSender(IOptions<BulkOptions> options, IBusControl bus, ILogger<StoreCommandSender> logger)
{
    private readonly TimeSpan _deadline = TimeSpan.FromSeconds(options.Value.StoreDeadlineSeconds);

    public async Task<IResult> SendAsync<TCommand, TSucceeded>(
        HttpContext http, IRequestClient<TCommand> client, TCommand command, Func<ErrorItem, ErrorItem> locate,
        Func<TSucceeded, IResult> onSuccess)
        where TCommand : class
        where TSucceeded : class
    {
        var (succeeded, rejected, unavailable) = await RequestAsync<TCommand, TSucceeded>(http, client, command);
        if (unavailable is not null) return unavailable;
        if (succeeded is not null) return onSuccess(succeeded);
        return ApiErrors.Result(http, rejected!.StatusCode, rejected.Message, [.. rejected.Errors.Select(locate)]);
    }

    /// <summary>The store's reply, or the 502 to answer when there is none.</summary>
    public async Task<(TSucceeded? Succeeded, CommandRejected? Rejected, IResult? Unavailable)> RequestAsync<TCommand, TSucceeded>(
        HttpContext http, IRequestClient<TCommand> client, TCommand command)
        where TCommand : class
        where TSucceeded : class
    {
        // With the broker down a send would wait out the whole deadline; answer at once instead.
        if (bus.CheckHealth().Status == BusHealthStatus.Unhealthy)
        {
            return (null, null, StoreUnavailable(http, "The message broker is unreachable right now; nothing was sent."));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(_deadline);
        try
        {
            // The command expires with the deadline, so a store that picks it up late drops it.
            // WaitAsync: right after a broker restart the send inside can outwait both token and timeout;
            // the partner still gets the 502 at the deadline.
            var response = await client.GetResponse<TSucceeded, CommandRejected>(command,
                request => request.UseExecute(send => send.TimeToLive = _deadline),
                deadline.Token, RequestTimeout.After(ms: (int)_deadline.TotalMilliseconds)).WaitAsync(deadline.Token);
            if (response.Is(out Response<TSucceeded>? succeeded)) return (succeeded.Message, null, null);
            response.Is(out Response<CommandRejected>? rejected);
            return (null, rejected!.Message, null);
        }
        catch (RequestTimeoutException)
        {
            return (null, null, StoreUnavailable(http, "The store did not answer in time."));
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return (null, null, StoreUnavailable(http, "The store did not answer in time."));
        }
        catch (RequestFaultException exception)
        {
            logger.LogError("The store failed on {Command}: {Fault}", typeof(TCommand).Name,
                exception.Fault?.Exceptions.FirstOrDefault()?.Message);
            return (null, null, StoreUnavailable(http, "The store could not complete the request; nothing was created."));
        }
        catch (Exception exception) when (exception is MassTransitException or TimeoutException or InvalidOperationException)
        {
            logger.LogError(exception, "Could not send {Command} to the store", typeof(TCommand).Name);
            return (null, null, StoreUnavailable(http, "The store is unreachable right now."));
        }
    }

    internal static IResult StoreUnavailable(HttpContext http, string message) =>
        ApiErrors.Result(http, StatusCodes.Status502BadGateway, "upstream_unavailable", message);
}
