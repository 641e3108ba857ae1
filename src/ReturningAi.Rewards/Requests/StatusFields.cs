namespace ReturningAi.Rewards.Requests;

/// <summary>
/// The fields of a redemption status a request sent (rewards.md §7); null when not sent. <see cref="ColorSent"/>
/// tells a colour cleared (null sent) from one not sent.
/// </summary>
public sealed record StatusFields(string? Name, bool? IsDefault, bool? RefundsPoints, string? Category, string? Color, bool ColorSent);
