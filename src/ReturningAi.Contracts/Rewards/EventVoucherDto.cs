namespace ReturningAi.Contracts.Rewards;

/// <summary>The voucher a purchase event carries: fulfilment is the event's use, so the code is sent.</summary>
public sealed record EventVoucherDto(string Code, DateTimeOffset ExpiresAt);
