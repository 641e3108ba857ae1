using System.Security.Cryptography;
using System.Text;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class ApiKeyTokensTests
{
    [Fact]
    public void Tokens_carry_32_random_bytes_behind_the_prefix()
    {
        var token = ApiKeyTokens.Generate();

        Assert.StartsWith("rai_", token);
        Assert.Matches("^rai_[A-Za-z0-9_-]{43}$", token);
        Assert.NotEqual(token, ApiKeyTokens.Generate());
    }

    [Fact]
    public void Hash_is_the_sha256_of_the_token_and_never_the_token()
    {
        var token = ApiKeyTokens.Generate();

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), ApiKeyTokens.Hash(token));
        Assert.Equal(64, ApiKeyTokens.HashHex(token).Length);
        Assert.DoesNotContain(token, ApiKeyTokens.HashHex(token), StringComparison.Ordinal);
    }
}
