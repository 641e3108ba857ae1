using Microsoft.AspNetCore.Http;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Identity;

/// <summary>Who called, as the gateway authenticated it and told this service in the internal headers.</summary>
public sealed record GatewayIdentity(string? CommunityId, string? ApiKeyId, IReadOnlySet<string> Permissions, bool IsPlatformAdmin)
{
    internal static GatewayIdentity FromHeaders(IHeaderDictionary headers)
    {
        static string? Value(IHeaderDictionary h, string name) =>
            h.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;

        var permissions = (Value(headers, InternalHeaders.Permissions) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        return new GatewayIdentity(
            Value(headers, InternalHeaders.CommunityId),
            Value(headers, InternalHeaders.ApiKeyId),
            permissions,
            string.Equals(Value(headers, InternalHeaders.PlatformAdmin), "true", StringComparison.Ordinal));
    }
}
