namespace ReturningAi.Community.Members;

/// <summary>A search's role or tag filter, resolved to label ids.</summary>
internal sealed record LabelIds(IReadOnlyList<string> Any, IReadOnlyList<string> All, IReadOnlyList<string> None)
{
    public static LabelIds Empty { get; } = new([], [], []);
}
