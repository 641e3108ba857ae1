using ReturningAi.Contracts.ApiKeys;

namespace ReturningAi.Contracts.Communities;

/// <summary>The answer to the platform bootstrap: the new community and its first key, with its token.</summary>
public sealed record CreatedCommunityDto(CommunityDto Community, ApiKeyDto ApiKey);
