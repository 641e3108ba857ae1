using System.Net;
using System.Text;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>A first slice of P6: hostile bodies and heads get a 4xx in the envelope and write nothing.</summary>
[Collection(StackCollection.Name)]
public sealed class HostileInputTests(StackFixture stack)
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
