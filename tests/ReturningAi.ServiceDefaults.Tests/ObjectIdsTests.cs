using Microsoft.Extensions.Time.Testing;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class ObjectIdsTests
{
    [Fact]
    public void New_ids_are_24_lower_case_hex_characters_and_unique()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ObjectIds.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{24}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_start_with_the_creation_second_so_they_sort_by_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(0x6502c9e5));

        Assert.StartsWith("6502c9e5", ObjectIds.New(time));
    }

    [Fact]
    public void Ids_of_one_process_increase_within_a_second()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(0x6502c9e5));

        var ids = Enumerable.Range(0, 100).Select(_ => ObjectIds.New(time)).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Theory]
    [InlineData("507f1f77bcf86cd799439011", true)]
    [InlineData("507F1F77BCF86CD799439011", false)]
    [InlineData("507f1f77bcf86cd79943901", false)]
    [InlineData("507f1f77bcf86cd79943901g", false)]
    [InlineData(null, false)]
    public void Validity_is_exactly_24_lower_case_hex(string? id, bool valid) => Assert.Equal(valid, ObjectIds.IsValid(id));
}
