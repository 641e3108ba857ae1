namespace ReturningAi.Webhooks.Model;

public static class DisabledReasons
{
    public const string Manual = "manual";
    public const string Failing = "failing";
    public const string Gone = "gone";
}
