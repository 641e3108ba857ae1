namespace ReturningAi.Contracts.Communities;

/// <summary>How the community shows itself: its link preview, whether members are listed, whether guests may look in.</summary>
public sealed record CommunityMeta(CommunityPreview Preview, bool MembersListVisible, bool GuestModeEnabled);
