namespace ReturningAi.Store.Consumers;

/// <summary>
/// How long a consumer waits for the broker to take its reply. A receive endpoint reconnects
/// after a broker restart only once every message it delivered has been handled, so a consumer waiting
/// on a send through the restart kept its store instance from consuming for minutes (cf. MassTransit
/// issues #2072 and #5692; seen in the reliability suite's broker restart). Past the limit the send is
/// given up: the command's acknowledgement fails with the old channel and the broker delivers it again,
/// and a partner retrying with its key gets the stored reply.
/// </summary>
internal static class BrokerPatience
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static async Task SendWithinLimitAsync(Task send, ILogger logger, string what)
    {
        try
        {
            await send.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The broker did not take the {What} within {Seconds} s; given up", what, Limit.TotalSeconds);
        }
    }
}
