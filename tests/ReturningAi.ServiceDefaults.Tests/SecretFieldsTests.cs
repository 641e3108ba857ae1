using System.Text;
using System.Text.Json;
using ReturningAi.ServiceDefaults.Idempotency;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class SecretFieldsTests
{
    [Fact]
    public void A_replay_keeps_the_object_with_the_secret_null_and_secretShown_false()
    {
        var body = Encoding.UTF8.GetBytes("""{"meta":{"status":"success","statusCode":201,"secretShown":true},"message":"m","data":{"_id":"k1","apiKey":{"token":"rai_secret","name":"n"},"token":"rai_other"}}""");

        var kept = Encoding.UTF8.GetString(SecretFields.Redact(body, ["data.apiKey.token", "data.token", "data.absent.token"]));

        using var json = JsonDocument.Parse(kept);
        Assert.DoesNotContain("rai_", kept, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("data").GetProperty("apiKey").GetProperty("token").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("data").GetProperty("token").ValueKind);
        Assert.False(json.RootElement.GetProperty("data").TryGetProperty("absent", out _));
        Assert.Equal(("k1", "n", 201), (json.RootElement.GetProperty("data").GetProperty("_id").GetString(),
            json.RootElement.GetProperty("data").GetProperty("apiKey").GetProperty("name").GetString(),
            json.RootElement.GetProperty("meta").GetProperty("statusCode").GetInt32()));
        Assert.False(json.RootElement.GetProperty("meta").GetProperty("secretShown").GetBoolean());
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_not_kept() =>
        Assert.Equal("{}", Encoding.UTF8.GetString(SecretFields.Redact(Encoding.UTF8.GetBytes("[\"rai_secret\"]"), ["data.token"])));
}
