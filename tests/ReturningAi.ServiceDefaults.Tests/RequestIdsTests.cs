using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class RequestIdsTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("partner-ticket:42")]
    [InlineData("A.b_c-d:E")]
    public void Sane_ids_are_kept(string id) => Assert.True(RequestIds.IsAcceptable(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("new\nline")]
    [InlineData("ünïcode")]
    [InlineData("slash/not")]
    public void Insane_ids_are_replaced(string? id) => Assert.False(RequestIds.IsAcceptable(id));

    [Fact]
    public void Ids_longer_than_128_characters_are_replaced()
    {
        Assert.True(RequestIds.IsAcceptable(new string('a', 128)));
        Assert.False(RequestIds.IsAcceptable(new string('a', 129)));
    }

    [Fact]
    public void New_ids_are_themselves_acceptable_and_distinct()
    {
        var a = RequestIds.New();
        Assert.True(RequestIds.IsAcceptable(a));
        Assert.NotEqual(a, RequestIds.New());
    }
}
