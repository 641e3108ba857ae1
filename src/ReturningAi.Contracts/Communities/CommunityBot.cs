namespace ReturningAi.Contracts.Communities;

/// <summary>The name and avatar the community's bot posts with.</summary>
public sealed record CommunityBot(string Name, string? Avatar)
{
    public const string DefaultName = "Community Bot";
}
