namespace ReturningAi.Gateway.Authentication;

/// <summary>Community could not say whether a key is valid; the caller gets 502, never a false 401.</summary>
public sealed class CommunityUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
