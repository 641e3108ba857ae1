namespace ReturningAi.Users.History;

/// <summary>Where a change of a custom field value came from.</summary>
public static class HistorySources
{
    public const string Api = "api";
    public const string Webhook = "webhook";
    public const string Bulk = "bulk";
    public const string User = "user";
    public const string Import = "import";
    public const string System = "system";

    public static IReadOnlyList<string> All { get; } = [Api, Webhook, Bulk, User, Import, System];
}
