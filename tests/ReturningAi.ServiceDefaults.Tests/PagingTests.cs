using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class PagingTests
{
    [Fact]
    public void Defaults_are_page_1_and_limit_20()
    {
        var paging = Paging.From(null, null);

        Assert.Empty(paging.Errors);
        Assert.Equal((1, 20, 0), (paging.Page, paging.Limit, paging.Skip));
    }

    [Theory]
    [InlineData("0", null, "page")]
    [InlineData("-1", null, "page")]
    [InlineData("x", null, "page")]
    [InlineData(null, "0", "limit")]
    [InlineData(null, "101", "limit")]
    [InlineData(null, "1.5", "limit")]
    public void Out_of_range_values_are_reported_by_field(string? page, string? limit, string field)
    {
        var error = Assert.Single(Paging.From(page, limit).Errors);

        Assert.Equal(field, error.Field);
        Assert.Equal("invalid_query", error.Code);
    }

    [Fact]
    public void Meta_counts_whole_pages()
    {
        var meta = Paging.From("3", "10").Meta(total: 21);

        Assert.Equal((3, 10, 21, 3), (meta.Page, meta.Limit, meta.Total, meta.TotalPages));
        Assert.Equal(20, Paging.From("3", "10").Skip);
    }
}
