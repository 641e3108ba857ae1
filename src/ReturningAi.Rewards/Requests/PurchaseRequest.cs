namespace ReturningAi.Rewards.Requests;

/// <summary>The body of <c>POST /store/purchases</c> (rewards.md §4).</summary>
public sealed record PurchaseRequest(string ProductId, UserReference User, CollectedInformation UserInformation, decimal? ExpectedPrice);
