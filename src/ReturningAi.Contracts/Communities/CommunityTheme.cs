namespace ReturningAi.Contracts.Communities;

/// <summary>The community's colours, each <c>#rrggbb</c>.</summary>
public sealed record CommunityTheme(string Primary, string Secondary, string Accent, string Background, string Surface, string Text)
{
    public static CommunityTheme Default { get; } = new("#4f46e5", "#0f172a", "#f59e0b", "#ffffff", "#f1f5f9", "#0f172a");
}
