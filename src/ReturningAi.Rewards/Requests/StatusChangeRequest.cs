namespace ReturningAi.Rewards.Requests;

/// <summary>A move of an order to a status, named by exactly one of its name and its id, with an optional note.</summary>
public sealed record StatusChangeRequest(string? StatusName, string? StatusId, string? Note)
{
    public const int MaxNoteLength = 1000;
}
