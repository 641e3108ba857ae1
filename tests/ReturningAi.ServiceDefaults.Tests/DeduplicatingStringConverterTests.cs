using System.Text.Json;
using ReturningAi.ServiceDefaults.Messaging;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class DeduplicatingStringConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new DeduplicatingStringConverter() } };

    [Fact]
    public void A_repeated_short_value_is_read_as_one_string_and_every_value_reads_as_written()
    {
        var json = JsonSerializer.Serialize(new[] { "VIP Member", "VIP Member", "caf\u00e9", "caf\u00e9", "a\"quoted\"", new string('x', 80), new string('x', 80), null, "" });

        var read = JsonSerializer.Deserialize<string?[]>(json, Options)!;

        Assert.Equal(JsonSerializer.Deserialize<string?[]>(json)!.AsEnumerable(), read.AsEnumerable());
        Assert.Equal("caf\u00e9", read[3]);
        Assert.Same(read[0], read[1]);
        Assert.NotSame(read[5], read[6]); // long values are not cached
    }

    [Fact]
    public void Many_distinct_values_all_read_correctly_through_the_fixed_cache()
    {
        var codes = Enumerable.Range(0, 20_000).Select(i => $"V{i:D7}").ToArray();

        var read = JsonSerializer.Deserialize<string[]>(JsonSerializer.Serialize(codes.Concat(codes)), Options)!;

        Assert.Equal(codes.Concat(codes), read);
    }
}
