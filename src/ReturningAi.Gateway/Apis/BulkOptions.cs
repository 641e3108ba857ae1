namespace ReturningAi.Gateway.Apis;

public sealed class BulkOptions
{
    public const string SectionName = "Bulk";

    /// <summary>
    /// How long the gateway waits for the store's reply, the broker send included (a send that the
    /// broker refuses would otherwise wait silently). Past it the partner gets 502.
    /// </summary>
    public int StoreDeadlineSeconds { get; set; } = 60;
}
