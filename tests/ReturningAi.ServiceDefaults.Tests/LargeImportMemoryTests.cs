using ReturningAi.ServiceDefaults.Memory;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class LargeImportMemoryTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(49_999, false)]
    [InlineData(50_000, true)]
    [InlineData(1_164_554, true)]
    public void Only_imports_of_many_vouchers_count_as_large(long vouchers, bool large) =>
        Assert.Equal(large, LargeImportMemory.IsLarge(vouchers));

    [Fact]
    public async Task After_a_large_import_a_full_compacting_collection_follows_shortly()
    {
        var before = GC.CollectionCount(GC.MaxGeneration);

        LargeImportMemory.ReleaseSoon();

        for (var waited = 0; GC.CollectionCount(GC.MaxGeneration) == before && waited < 100; waited++) await Task.Delay(100);
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before, "No full collection followed within 10 s.");
    }
}
