using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ReturningAi.Jobs.Jobs;

namespace ReturningAi.Jobs.Tests;

/// <summary>The options of <c>POST /products/bulk?async=true</c>: only async=true and onError=abort|skip, each once.</summary>
public sealed class ProductJobQueryTests
{
    private static (string OnError, string[] Refused) Read(string query)
    {
        var (onError, errors) = ProductJobQuery.Read(new QueryCollection(QueryHelpers.ParseQuery(query)));
        Assert.All(errors, e => Assert.Equal("unsupported_option", e.Code));
        return (onError, [.. errors.Select(e => e.Field!)]);
    }

    [Theory]
    [InlineData("?async=true", "abort")]
    [InlineData("?async=true&onError=abort", "abort")]
    [InlineData("?onError=skip&async=true", "skip")]
    public void Async_true_with_abort_or_skip_is_accepted(string query, string onError) => Assert.Equal((onError, []), Read(query));

    [Theory]
    [InlineData("?async=false", "async")]
    [InlineData("?async=TRUE", "async")]
    [InlineData("?async=", "async")]
    [InlineData("?async=true&async=true", "async")]
    [InlineData("?async=true&onError=Skip", "onError")]
    [InlineData("?async=true&onError=continue", "onError")]
    [InlineData("?async=true&onError=skip&onError=abort", "onError")]
    [InlineData("?async=true&dryRun=true", "dryRun")]
    [InlineData("?async=true&notify=me", "notify")]
    public void Any_other_value_a_repeat_or_another_option_is_refused_naming_it(string query, string field) => Assert.Equal([field], Read(query).Refused);

    [Fact]
    public void Every_unsupported_option_is_reported_together()
    {
        Assert.Equal(["async", "onError", "dryRun"], Read("?async=no&onError=x&dryRun=true").Refused);
    }
}
