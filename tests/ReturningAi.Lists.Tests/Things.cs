using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace ReturningAi.Lists.Tests;

/// <summary>A small list of the tests' own, declared as a service declares its lists.</summary>
public sealed class Thing
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public int Rank { get; init; }
    public bool IsArchived { get; init; }
}

public sealed record ThingDto([property: JsonPropertyName("_id")] string Id, string Name, int Rank, bool IsArchived);

public sealed class ThingsDbContext(DbContextOptions<ThingsDbContext> options) : DbContext(options)
{
    public DbSet<Thing> Things => Set<Thing>();
}

public static class Things
{
    public static readonly ListDefinition<Thing, ThingDto> List = new ListDefinition<Thing, ThingDto>()
        .Sort("name", t => t.Name).Sort("rank", t => t.Rank)
        .Filter("isArchived", t => t.IsArchived).Filter("rank", t => t.Rank).Filter("name", t => t.Name)
        .Search(t => t.Name)
        .OrderBy("rank", descending: true).Tiebreak(t => t.Id);

    public static ThingDto ToDto(Thing t) => new(t.Id, t.Name, t.Rank, t.IsArchived);
}
