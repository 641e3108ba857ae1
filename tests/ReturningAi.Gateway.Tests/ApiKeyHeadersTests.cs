using Microsoft.AspNetCore.Http;
using ReturningAi.Gateway.Authentication;

namespace ReturningAi.Gateway.Tests;

public sealed class ApiKeyHeadersTests
{
    [Theory]
    [InlineData("Bearer rai_a", null, "rai_a")]
    [InlineData(null, " rai_b ", "rai_b")]
    [InlineData("Bearer rai_c", "rai_c", "rai_c")]
    public void A_key_is_read_from_either_header_or_both_when_they_agree(string? authorization, string? apiKey, string expected)
    {
        Assert.Equal(ApiKeyHeaders.Outcome.Present, ApiKeyHeaders.TryRead(Headers(authorization, apiKey), out var token));
        Assert.Equal(expected, token);
    }

    [Fact]
    public void Two_different_keys_conflict() =>
        Assert.Equal(ApiKeyHeaders.Outcome.Conflicting, ApiKeyHeaders.TryRead(Headers("Bearer rai_a", "rai_b"), out _));

    [Theory]
    [InlineData(null, "two words")]
    [InlineData("Basic dXNlcjpwYXNz", "rai_a")]
    public void A_malformed_header_is_malformed_even_beside_a_good_one(string? authorization, string apiKey) =>
        Assert.Equal(ApiKeyHeaders.Outcome.Malformed, ApiKeyHeaders.TryRead(Headers(authorization, apiKey), out _));

    [Fact]
    public void Neither_header_is_missing() =>
        Assert.Equal(ApiKeyHeaders.Outcome.Missing, ApiKeyHeaders.TryRead(new HeaderDictionary(), out _));

    private static IHeaderDictionary Headers(string? authorization, string? apiKey)
    {
        IHeaderDictionary headers = new HeaderDictionary();
        if (authorization is not null) headers.Authorization = authorization;
        if (apiKey is not null) headers[ApiKeyHeaders.ApiKey] = apiKey;
        return headers;
    }
}
