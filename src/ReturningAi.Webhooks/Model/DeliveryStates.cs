namespace ReturningAi.Webhooks.Model;

public static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
