namespace ReturningAi.Lists;

/// <summary>The names a list offers to <c>sort</c>, <c>fields</c> and <c>filter</c>, as the read object spells them.</summary>
public interface IListFields
{
    IReadOnlyList<string> Sortable { get; }

    IReadOnlyList<string> Selectable { get; }

    IReadOnlyList<string> Filterable { get; }
}
