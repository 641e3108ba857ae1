using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReturningAi.Contracts.Commands;

namespace ReturningAi.Products.Tests;

/// <summary>
/// The store reads a large JSON upload from the claim check as a stream, one product at a time: it must read the same products
/// and refuse with the same problems (code, index, field, message) as reading the whole body does.
/// </summary>
public sealed class ProductUploadStreamTests
{
    private static JsonObject Entry(int names) => new()
    {
        ["isEnabled"] = true,
        ["type"] = "combination",
        ["permission"] = new JsonObject
        {
            ["roleNames"] = new JsonArray([.. Enumerable.Range(0, names).Select(i => (JsonNode)$" r{i % 7}\u0065\u0301 ")]),
            ["tagNames"] = new JsonArray([.. Enumerable.Range(0, names).Select(i => (JsonNode)$"t{i}")]),
            ["combination"] = new JsonArray(new JsonObject { ["type"] = "role", ["values"] = new JsonArray("r1", "r2") }),
        },
    };

    /// <summary>Products of about 100 KB each: a body of 20 crosses the stream reader's first window of 1 MiB.</summary>
    private static JsonObject Large(int i) =>
        Bodies.Minimal().With("name", $"Bounded {i}").With("productPermission", new JsonArray([.. Enumerable.Range(0, 50).Select(_ => (JsonNode)Entry(100))]));

    public static TheoryData<string, string> Uploads => new()
    {
        { "large and valid", Body(Enumerable.Range(0, 20).Select(Large)) },
        { "large, bad values at two indexes", Body(Enumerable.Range(0, 20).Select(i => i switch
        {
            3 => Large(i).With("price", -1).With("categoryName", 7),
            15 => Large(i).With("productPermission[2]", 5),
            _ => Large(i),
        })) },
        { "an item that is not an object", Body([Bodies.Minimal(), JsonValue.Create(7)!, Bodies.Minimal().With("price", "x")]) },
        { "101 products", Body(Enumerable.Range(0, 101).Select(_ => Bodies.Minimal())) },
        { "no product", "[]" },
        { "wrapped", """{"products":[]}""" },
        { "a number", "12" },
        { "malformed late", Body(Enumerable.Range(0, 20).Select(Large))[..^40] + "}]" },
        { "a name over its bound", Body([Bodies.Minimal().With("productPermission", new JsonArray(Entry(101)))]) },
        { "a lone surrogate", Body([Bodies.Minimal(), Bodies.Minimal().With("description", "LONE")]).Replace("LONE", "\\ud800", StringComparison.Ordinal) },
    };

    private static string Body(IEnumerable<JsonNode> items) => new JsonArray([.. items]).ToJsonString();

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_json_upload_read_as_a_stream_reads_as_the_whole_body_does(string what, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var whole = ProductUploadReader.Read(UploadedBodyFormat.Json, bytes);
        var streamed = await ProductUploadReader.ReadAsync(UploadedBodyFormat.Json, new MemoryStream(bytes), CancellationToken.None);

        Assert.True(whole.Refusal == streamed.Refusal, what);
        Assert.Equal(JsonSerializer.Serialize(whole.Products.Errors), JsonSerializer.Serialize(streamed.Products.Errors));
        Assert.Equal(JsonSerializer.Serialize(whole.Products.Products), JsonSerializer.Serialize(streamed.Products.Products));
    }

    [Fact]
    public async Task The_cases_above_are_what_they_say()
    {
        var bad = Body(Enumerable.Range(0, 20).Select(i => i == 3 ? Large(i).With("price", -1) : Large(i)));
        var (read, refusal, _) = await ProductUploadReader.ReadAsync(UploadedBodyFormat.Json, new MemoryStream(Encoding.UTF8.GetBytes(bad)), CancellationToken.None);

        Assert.True(bad.Length > 1024 * 1024);
        Assert.Equal(ProductUploadReader.InvalidMessage, refusal);
        var error = Assert.Single(read.Errors);
        Assert.Equal((3, "[3].price"), (error.Index, error.Field));
        Assert.Equal(20, read.Products.Count);
        Assert.Equal(50 * 100, read.Products[19].ProductPermission.Sum(e => e.Permission.RoleNames.Count));

        var (many, _, _) = await ProductUploadReader.ReadAsync(UploadedBodyFormat.Json, new MemoryStream(Encoding.UTF8.GetBytes(Body(Enumerable.Range(0, 101).Select(_ => Bodies.Minimal())))), CancellationToken.None);
        Assert.Equal("too_many_products", Assert.Single(many.Errors).Code);
    }
}
