namespace ReturningAi.Contracts.Communities;

/// <summary>The card shown where the community's link is shared.</summary>
public sealed record CommunityPreview(bool IsEnabled, string? Title, string? Description, string? Image);
