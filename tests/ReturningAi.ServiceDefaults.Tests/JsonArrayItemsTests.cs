using System.Text;
using System.Text.Json;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Tests;

/// <summary>
/// A JSON array read from a stream one item at a time gives the items, the count and the problem that parsing the whole body
/// gives (<see cref="JsonBody.Parse"/>), wherever the window's edges fall.
/// </summary>
public sealed class JsonArrayItemsTests
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static TheoryData<string> Bodies =>
    [
        "[]",
        """[1,"a",{"x":[1,2,{"y":"z"}]},null,true,[],{}]""",
        "  \r\n[ {\"a\":1} ,\t{\"b\":\"caf\\u00e9\"} ]  \n",
        "\uFEFF[{\"a\":1},2]",
        """{"products":[{"a":1}]}""",
        "\"a string\"",
        "42",
        "",
        "   ",
        "[1,2",
        """[{"a":1},{"b":}]""",
        """[{"a":1}] x""",
        """[{"a":1}],""",
        "[1,]",
        "[1 /* no */]",
        """[{"a":"\ud800"}]""",
        """[{"a":1},{"b":"\ud800x"},[1,}]""",
        """[{"a":1},{"b":"\udc00"},3]""",
        "[" + new string('[', 40) + new string(']', 40) + "]",
        "[" + new string('[', 30) + new string(']', 30) + "]",
        "[" + string.Join(",", Enumerable.Range(0, 300).Select(i => $$"""{"i":{{i}},"s":"{{new string('x', i * 7)}}"}""")) + "]",
    ];

    public static TheoryData<int> Windows => [1, 5, 16, 64, 1024 * 1024];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Every_body_reads_as_the_whole_body_parses_whatever_the_window(string text)
    {
        foreach (var window in Windows) await AssertReadsAsParsed(Encoding.UTF8.GetBytes(text), window);
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_located_at_its_item_as_in_the_whole_body()
    {
        var bodies = new List<byte[]>
        {
            WithByte("[{\"a\":1},{\"b\":\"", 0xFF, "\"},3]"),
            WithByte("[{\"a\":1},{\"c\":[1,{\"", 0xC3, "\":2}]}]"),
            WithByte("[\"ok\",\"", 0xFE, "\"]"),
            WithByte("[{\"a\":\"", 0xFF, "\"},{\"b\":}]"),
            WithByte("{\"a\":\"", 0xFF, "\"}"),
        };

        foreach (var body in bodies)
        {
            foreach (var window in Windows) await AssertReadsAsParsed(body, window);
        }
    }

    [Fact]
    public async Task Items_after_the_reader_says_stop_are_counted_and_checked_but_not_given()
    {
        var given = new List<int>();
        var body = Encoding.UTF8.GetBytes("[1,2,3,4,5]");

        var read = await JsonArrayItems.ReadAsync(new MemoryStream(body), Options, (index, _) => { given.Add(index); return index < 1; },
            CancellationToken.None, window: 2);

        Assert.Equal([0, 1], given);
        Assert.Equal(5, read.Count);
        Assert.Null(read.Error);

        var late = await JsonArrayItems.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("[1,2,3,}")), Options, (_, _) => false, CancellationToken.None);
        Assert.Equal("malformed_json", late.Error?.Code);
    }

    private static byte[] WithByte(string before, byte invalid, string after) =>
        [.. Encoding.UTF8.GetBytes(before), invalid, .. Encoding.UTF8.GetBytes(after)];

    private static async Task AssertReadsAsParsed(byte[] body, int window)
    {
        var items = new List<string>();
        var read = await JsonArrayItems.ReadAsync(new MemoryStream(body), Options, (index, item) =>
        {
            Assert.Equal(items.Count, index);
            items.Add(item.GetRawText());
            return true;
        }, CancellationToken.None, window);

        var (document, error) = JsonBody.Parse(body, Options);
        using (document)
        using (read.NotAnArray)
        {
            var shown = Encoding.UTF8.GetString(body);
            var context = $"body {shown[..Math.Min(shown.Length, 60)]}, window {window}";
            Assert.True(error?.Message == read.Error?.Message, $"{context}: {error?.Message} != {read.Error?.Message}");
            Assert.Equal(error?.Code, read.Error?.Code);
            if (error is not null) return;

            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                Assert.Equal(root.GetRawText(), read.NotAnArray!.RootElement.GetRawText());
                return;
            }

            Assert.Null(read.NotAnArray);
            Assert.Equal(root.GetArrayLength(), read.Count);
            Assert.Equal(root.EnumerateArray().Select(e => e.GetRawText()), items);
        }
    }
}
