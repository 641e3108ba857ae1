using System.Net;
using System.Text;

namespace ReturningAi.Reliability.Tests;

/// <summary>Hostile bodies and heads get a 4xx in the envelope, within limits of time and memory, and write nothing.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class HostileInputTests(ReliabilityStack stack)
{
    private PartnerApi Api => stack.Api;

    [Theory]
    [InlineData("/apis/products/bulk")]
    [InlineData("/apis/categories")]
    public async Task Deeply_nested_JSON_is_400(string path)
    {
        var community = await Api.BootstrapCommunityAsync();
        var nested = new string('[', 100_000) + new string(']', 100_000);

        var response = await Api.SendRawAsync(HttpMethod.Post, path, community.Token, PartnerApi.RawJson(nested));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("malformed_json", response.ErrorCode());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_JSON_body_is_400()
    {
        var community = await Api.BootstrapCommunityAsync();
        var bytes = Encoding.UTF8.GetBytes("[{\"name\": \"bad ").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}]")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("malformed_json", response.ErrorCode());
    }

    [Theory]
    [InlineData("/apis/products/bulk")]
    [InlineData("/apis/categories")]
    public async Task A_body_over_10_MiB_without_a_declared_length_is_413(string path)
    {
        var community = await Api.BootstrapCommunityAsync();
        // Streamed in chunks, so the gateway learns the size only while reading.
        var content = new StreamContent(new RepeatingStream((byte)' ', (10 * 1024 * 1024) + 4096));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await Api.SendRawAsync(HttpMethod.Post, path, community.Token, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("body_too_large", response.ErrorCode());
    }

    [Fact]
    public async Task A_request_head_over_32_KiB_is_431_in_the_envelope()
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.SendAsync(HttpMethod.Get, "/apis/products", community.Token,
            headers: new Dictionary<string, string> { ["X-Padding"] = new string('p', 40 * 1024) });

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.Status);
        Assert.Equal("headers_too_large", response.ErrorCode());
    }

    [Fact]
    public async Task A_CSV_of_a_million_empty_lines_is_400_empty()
    {
        var community = await Api.BootstrapCommunityAsync();
        var csv = Encoding.ASCII.GetBytes("Name,Price,Category Name\n" + new string('\n', 1_000_000));

        var response = await Api.UploadCsvAsync(community.Token, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("empty", response.ErrorCode());
    }

    [Theory]
    [InlineData("price", "1e400")]
    [InlineData("price", "-1")]
    [InlineData("price", "79228162514264337593543950336")]
    [InlineData("discountPrice", "1e400")]
    [InlineData("price", "\"12\"")]
    [InlineData("expiringVoucherHighlight", "{\"isEnabled\": true, \"duration\": 99999999999, \"timeframe\": \"days\"}")]
    public async Task Numbers_out_of_range_are_400_naming_the_field(string field, string value)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var product = Catalogue.Product("Out of range");
        product[field] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
            PartnerApi.RawJson(new System.Text.Json.Nodes.JsonArray(product).ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith($"[0].{field}", response.Json.GetProperty("errors")[0].GetProperty("field").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Theory]
    [InlineData("/apis/products/bulk")]
    [InlineData("/apis/categories")]
    [InlineData("/apis/roles")]
    public async Task Strings_of_control_characters_are_400(string path)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var controls = new string([.. Enumerable.Range(0, 32).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c)]);
        object body = path == "/apis/products/bulk"
            ? new System.Text.Json.Nodes.JsonArray(Catalogue.Product("Gift " + controls, vouchers: ["OK-1"]))
            : new { name = "Name " + controls };

        var response = await Api.SendAsync(HttpMethod.Post, path, community.Token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_character", response.ErrorCode());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task A_voucher_code_of_control_characters_is_400_in_CSV_too()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var csv = Encoding.UTF8.GetBytes("Name,Price,Category Name,Voucher Expire Date,Vouchers\nGift,1,Premium Rewards,2031-01-01,\"OK-1,\u001b[2J\"\n");

        var response = await Api.UploadCsvAsync(community.Token, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_character", response.ErrorCode());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task A_body_that_arrives_slowly_but_steadily_is_read_and_answered()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var json = Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonArray(Catalogue.Product("Slow", vouchers: ["SLOW-1"])).ToJsonString());
        // About 3 s for the whole body, in small pieces: slow, yet above Kestrel's minimum data rate.
        using var content = new TricklingContent(json, chunk: 16, pause: TimeSpan.FromMilliseconds(3000.0 * 16 / json.Length));

        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, content);

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Fact]
    public async Task A_body_that_stalls_is_cut_off_without_writing_anything()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var json = Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonArray(Catalogue.Product("Stalled", vouchers: ["STALL-1"])).ToJsonString());
        // A few bytes, then 1 byte every 2 s: under Kestrel's minimum rate of 240 bytes/s after its 5 s grace.
        using var content = new TricklingContent(json, chunk: 1, pause: TimeSpan.FromSeconds(2));
        var started = DateTime.UtcNow;

        var outcome = await Record.ExceptionAsync(async () =>
        {
            var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, content);
            // If an answer gets out before the connection is dropped, it is the envelope's 408.
            Assert.Equal(HttpStatusCode.RequestTimeout, response.Status);
            Assert.Equal("request_timeout", response.ErrorCode());
        });

        Assert.True(outcome is null or HttpRequestException or IOException, $"Unexpected: {outcome}");
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    /// <summary>
    /// Sends a body in small pieces with a pause before each, flushing every piece onto the wire (the
    /// client would otherwise hold them in its buffer), like a slow or stalling client. No length is
    /// announced, so the body goes chunked.
    /// </summary>
    private sealed class TricklingContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly int _chunk;
        private readonly TimeSpan _pause;

        public TricklingContent(byte[] body, int chunk, TimeSpan pause)
        {
            (_body, _chunk, _pause) = (body, chunk, pause);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.FlushAsync(); // the head goes out now; the body follows piece by piece
            for (var position = 0; position < _body.Length; position += _chunk)
            {
                await Task.Delay(_pause);
                await stream.WriteAsync(_body.AsMemory(position, Math.Min(_chunk, _body.Length - position)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A body of one byte repeated, produced as it is read and with no length announced.</summary>
    private sealed class RepeatingStream(byte value, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill(value);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
