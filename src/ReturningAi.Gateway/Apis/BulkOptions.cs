namespace ReturningAi.Gateway.Apis;

public sealed class BulkOptions
{
    public const string SectionName = "Bulk";

    /// <summary>
    /// How long the gateway waits for the store's reply, the broker send included (a send that the
    /// broker refuses would otherwise wait silently). Past it the partner gets 502.
    /// </summary>
    public int StoreDeadlineSeconds { get; set; } = 60;

    /// <summary>
    /// From this body length on (and for a body of undeclared length), a create's body is not parsed here: it is streamed
    /// as uploaded into the claim check and the store reads it (<see cref="ProductsCheckIn.CheckInUploadAsync"/>).
    /// </summary>
    public long UploadByClaimCheckBytes { get; set; } = 1024 * 1024;
}
