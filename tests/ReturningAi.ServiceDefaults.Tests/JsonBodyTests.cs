using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Tests;

/// <summary>
/// A body of declared length is read into one array of that length; one without a declared length, or declared over
/// the request's limit, is parsed from the stream. Both read the same documents and refuse the same bodies alike.
/// </summary>
public sealed class JsonBodyTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static TheoryData<string> Ways => ["declared", "undeclared", "over the limit"];

    private static DefaultHttpContext Request(byte[] body, string way)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(body);
        if (way != "undeclared") context.Request.ContentLength = body.Length;
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(new Limit(way == "over the limit" ? body.Length - 1 : 10 * 1024 * 1024));
        return context;
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_body_reads_as_the_same_document_with_or_without_a_byte_order_mark(string way)
    {
        var json = Encoding.UTF8.GetBytes("""[{"name":"caf\u00e9","codes":["A","B"]}]""");

        var (plain, plainError) = await JsonBody.ReadAsync(Request(json, way));
        var (marked, markedError) = await JsonBody.ReadAsync(Request([.. Bom, .. json], way));

        Assert.Null(plainError);
        Assert.Null(markedError);
        Assert.Equal("café", plain!.RootElement[0].GetProperty("name").GetString());
        Assert.Equal(plain.RootElement.GetRawText(), marked!.RootElement.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Malformed_json_is_a_400_naming_its_line_and_byte(string way)
    {
        var (document, error) = await JsonBody.ReadAsync(Request(Encoding.UTF8.GetBytes("[1,\n  2,,]"), way));

        Assert.Null(document);
        var (status, envelope) = Refusal(error);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("malformed_json", Assert.Single(envelope.Errors).Code);
        Assert.Contains("(line 2, byte 5)", envelope.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Text_that_is_not_utf8_is_a_400_naming_where_it_is(string way)
    {
        byte[] body = [.. "{\"a\":[\"ok\",\""u8, 0xC3, 0x28, .. "\"]}"u8];

        var (document, error) = await JsonBody.ReadAsync(Request(body, way));

        Assert.Null(document);
        var (status, envelope) = Refusal(error);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.EndsWith("at a[1].", envelope.Message, StringComparison.Ordinal);
    }

    private static (int? Status, ErrorEnvelope Envelope) Refusal(IResult? result)
    {
        var json = Assert.IsType<JsonHttpResult<ErrorEnvelope>>(result);
        return (json.StatusCode, json.Value!);
    }

    private sealed class Limit(long? max) : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; } = max;
    }
}
