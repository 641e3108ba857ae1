namespace ReturningAi.Rewards.Access;

/// <summary>Who wants to buy, as the store's copy of users knows them: by id, with the ids of the roles and tags held.</summary>
public sealed record Buyer(string UserId, IReadOnlyCollection<string> RoleIds, IReadOnlyCollection<string> TagIds);
