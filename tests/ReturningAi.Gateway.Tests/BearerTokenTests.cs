using Microsoft.Extensions.Primitives;
using ReturningAi.Gateway.Authentication;

namespace ReturningAi.Gateway.Tests;

public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer rai_abc", "rai_abc")]
    [InlineData("bearer   rai_abc  ", "rai_abc")]
    public void A_bearer_token_is_read(string header, string token)
    {
        Assert.Equal(BearerToken.Outcome.Present, BearerToken.TryRead(header, out var read));
        Assert.Equal(token, read);
    }

    [Fact]
    public void No_header_is_missing() => Assert.Equal(BearerToken.Outcome.Missing, BearerToken.TryRead(StringValues.Empty, out _));

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer two words")]
    [InlineData("Bearer t\u00f6ken")]
    [InlineData("Token rai_abc")]
    public void Anything_else_is_malformed(string header) =>
        Assert.Equal(BearerToken.Outcome.Malformed, BearerToken.TryRead(header, out _));

    [Fact]
    public void Two_authorization_headers_are_malformed() =>
        Assert.Equal(BearerToken.Outcome.Malformed, BearerToken.TryRead(new StringValues(["Bearer a", "Bearer b"]), out _));

    [Fact]
    public void A_token_over_512_characters_is_malformed() =>
        Assert.Equal(BearerToken.Outcome.Malformed, BearerToken.TryRead("Bearer " + new string('a', 513), out _));
}
