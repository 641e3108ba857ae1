namespace ReturningAi.Contracts.Events;

/// <summary>
/// A role, tag or user of a community was created, renamed or deleted. <see cref="Version"/> grows
/// with every change of one item, so a consumer keeps the highest and tolerates redelivery and
/// out-of-order arrival.
/// </summary>
public sealed record ReferenceDataChanged(string Kind, string CommunityId, string Id, string Name, bool Deleted, long Version)
{
    public const string Role = "role";
    public const string Tag = "tag";
    public const string User = "user";
}
