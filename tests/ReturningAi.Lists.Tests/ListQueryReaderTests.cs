using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ReturningAi.Lists.Tests;

public sealed class ListQueryReaderTests
{
    private static ListQuery Read(string query) => ListQueryReader.Read(new QueryCollection(QueryHelpers.ParseQuery(query)), Things.List);

    [Fact]
    public void Defaults_are_skip_0_and_limit_20_in_the_default_order()
    {
        var list = Read("");

        Assert.Empty(list.Errors);
        Assert.Equal((0, 20, null, null), (list.Skip, list.Limit, list.Search, list.Fields));
        Assert.Empty(list.Sorts);
    }

    [Theory]
    [InlineData("?skip=40&limit=20", 40, 3)]
    [InlineData("?page=3&limit=10", 20, 3)]
    [InlineData("?skip=5&limit=10", 5, 1)]
    public void Skip_and_page_address_the_same_rows(string query, int skip, int page)
    {
        var list = Read(query);

        Assert.Empty(list.Errors);
        Assert.Equal(skip, list.Skip);
        Assert.Equal(page, list.Meta(total: 100).Page);
    }

    [Theory]
    [InlineData("?skip=0&page=1", "conflicting_paging", "page")]
    [InlineData("?skip=-1", "invalid_query", "skip")]
    [InlineData("?limit=0", "invalid_query", "limit")]
    [InlineData("?limit=101", "invalid_query", "limit")]
    [InlineData("?page=0", "invalid_query", "page")]
    [InlineData("?page=x", "invalid_query", "page")]
    [InlineData("?page=21474838&limit=100", "out_of_range", "page")]
    [InlineData("?page=99999999999", "out_of_range", "page")]
    [InlineData("?skip=2147483640&limit=20", "out_of_range", "skip")]
    [InlineData("?skip=99999999999", "out_of_range", "skip")]
    [InlineData("?limit=99999999999", "out_of_range", "limit")]
    [InlineData("?sort=colour:asc", "invalid_sort", "sort")]
    [InlineData("?sort=name:up", "invalid_sort", "sort")]
    [InlineData("?fields=name,colour", "invalid_fields", "fields")]
    [InlineData("?filter=colour:red", "invalid_filter", "filter")]
    [InlineData("?filter=isArchived", "invalid_filter", "filter")]
    [InlineData("?search=a%00b", "invalid_character", "search")]
    public void Each_bad_parameter_is_reported_by_name(string query, string code, string field)
    {
        var error = Assert.Single(Read(query).Errors);

        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void Every_problem_is_reported_together()
    {
        var errors = Read("?skip=1&page=2&sort=colour&fields=size&limit=0").Errors;

        Assert.Equal(["invalid_query", "conflicting_paging", "invalid_sort", "invalid_fields"], errors.Select(e => e.Code));
    }

    [Fact]
    public void Sort_fields_search_and_filters_are_read()
    {
        var list = Read("?sort=rank:desc,name&fields=name,rank&search=keyword:%20Mug%20&filter=isArchived:true&filter=rank:3");

        Assert.Equal([new ListSort("rank", true), new ListSort("name", false)], list.Sorts);
        Assert.Equal(["name", "rank"], list.Fields!);
        Assert.Equal("Mug", list.Search);
        Assert.Equal([new ListFilter("isArchived", "true"), new ListFilter("rank", "3")], list.Filters);
    }

    [Fact]
    public void A_plain_search_keeps_working() => Assert.Equal("mug", Read("?search=mug").Search);

    [Fact]
    public void Meta_counts_whole_pages()
    {
        var meta = Read("?page=3&limit=10").Meta(total: 21);

        Assert.Equal((20, 3, 10, 21, 3), (meta.Skip, meta.Page, meta.Limit, meta.Total, meta.TotalPages));
    }
}
