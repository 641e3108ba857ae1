using MassTransit;

namespace ReturningAi.ClaimCheck.Tests;

/// <summary>A message whose items travel inline when few and by claim check when many, as the product commands do.</summary>
public sealed record Parcel(string Label, IReadOnlyList<string> Items)
{
    public MessageData<Stream>? ItemsData { get; init; }
}
