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
    public async Task Wrong_platform_admin_tokens_from_one_address_are_throttled_after_ten_and_then_so_is_the_right_one()
    {
        var address = ClientAddress();
        var elsewhere = ClientAddress();
        var body = new { name = "Throttled", url = "https://example.com" };

        var wrong = new List<ApiResponse>();
        for (var i = 0; i < 11; i++) wrong.Add(await Api.SendAsync(HttpMethod.Post, "/apis/communities", "wrong-admin-token-" + i, body, address));
        var right = await Api.SendAsync(HttpMethod.Post, "/apis/communities", stack.PlatformAdminToken, body, address);
        var none = await Api.SendAsync(HttpMethod.Post, "/apis/communities", null, body, address);
        var otherClient = await Api.SendAsync(HttpMethod.Post, "/apis/communities", stack.PlatformAdminToken, body, elsewhere);

        Assert.All(wrong[..10], r => Assert.Equal((HttpStatusCode.Unauthorized, "invalid_admin_token"), (r.Status, r.ErrorCode())));
        foreach (var throttled in new[] { wrong[10], right, none })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
            Assert.Equal("authentication_throttled", throttled.ErrorCode());
            Assert.InRange(int.Parse(throttled.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }

        Assert.Equal(HttpStatusCode.Created, otherClient.Status);
    }

    [Fact]
    public async Task Unknown_API_keys_from_one_address_are_429_after_300_while_valid_keys_pass()
    {
        var community = await Api.BootstrapCommunityAsync();
        var address = ClientAddress();

        var unknown = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++) unknown.Add((await Api.SendAsync(HttpMethod.Get, "/apis/products", $"rai_unknown{i}_{Guid.NewGuid():N}", headers: address)).Status);
        var over = await Api.SendAsync(HttpMethod.Get, "/apis/products", "rai_unknown_" + Guid.NewGuid().ToString("N"), headers: address);
        var valid = await Api.SendAsync(HttpMethod.Get, "/apis/products", community.Token, headers: address);
        var otherClient = await Api.SendAsync(HttpMethod.Get, "/apis/products", "rai_unknown_" + Guid.NewGuid().ToString("N"), headers: ClientAddress());

        Assert.All(unknown, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.Status);
        Assert.Equal("authentication_throttled", over.ErrorCode());
        Assert.NotNull(over.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, valid.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.Status);
    }

    [Theory]
    [InlineData("/apis/products?search=%00", "search")]
    [InlineData("/apis/products?categoryName=%00", "categoryName")]
    [InlineData("/apis/products?isArchived=true&search=a%1Bb", "search")]
    [InlineData("/apis/categories?page=1%0A", "page")]
    [InlineData("/apis/api-keys?anything=%7F", "anything")]
    [InlineData("/apis/products/bulk/template?x=%00", "x")]
    public async Task A_control_character_in_any_query_parameter_is_400_on_every_route(string url, string field)
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.SendAsync(HttpMethod.Get, url, community.Token);
        var anonymous = await Api.SendAsync(HttpMethod.Get, url, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_character", response.ErrorCode());
        Assert.Equal(field, response.Json.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, anonymous.Status);
    }

    [Theory]
    [InlineData("POST", "/apis/categories", "text/plain")]
    [InlineData("POST", "/apis/api-keys", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/apis/products/bulk", "text/plain")]
    [InlineData("PUT", "/apis/products/bulk", "text/plain; charset=utf-8")]
    [InlineData("POST", "/apis/products", "application/xml")]
    public async Task A_JSON_route_answers_a_body_declared_as_another_type_with_415_and_writes_nothing(string method, string path, string contentType)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var json = path.EndsWith("/bulk", StringComparison.Ordinal)
            ? new System.Text.Json.Nodes.JsonArray(Catalogue.Product("Plain", vouchers: ["P-1"])).ToJsonString()
            : path == "/apis/products" ? Catalogue.Product("Plain").ToJsonString() : """{"name": "Plain text", "permissions": []}""";
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await Api.SendRawAsync(new HttpMethod(method), path, community.Token, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("unsupported_media_type", response.ErrorCode());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
        Assert.DoesNotContain("Plain text", (await Api.SendAsync(HttpMethod.Get, "/apis/categories", community.Token)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CSV_upload_with_a_second_file_part_is_400_multiple_files_and_writes_nothing()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var form = new MultipartFormDataContent();
        foreach (var name in new[] { "First", "Second" })
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"Name,Price,Category Name\n{name},1,Premium Rewards\n"));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", name + ".csv");
        }

        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("multiple_files", response.ErrorCode());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task Every_response_says_nosniff_and_no_store_while_the_reference_page_may_be_cached()
    {
        var community = await Api.BootstrapCommunityAsync();
        var responses = new[]
        {
            await Api.SendAsync(HttpMethod.Get, "/apis/products", community.Token), // proxied
            await Api.SendAsync(HttpMethod.Get, "/apis/products/bulk/template", community.Token), // the gateway's own
            await Api.SendAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, new[] { 1 }), // refused by the gateway
            await Api.SendAsync(HttpMethod.Get, "/apis/categories/ffffffffffffffffffffffff", community.Token), // refused by a service
            await Api.SendAsync(HttpMethod.Get, "/apis/products", token: null), // unauthenticated
            await Api.SendAsync(HttpMethod.Get, "/apis/no-such-route", community.Token),
        };
        var reference = new[] { await Api.SendAsync(HttpMethod.Get, "/apis/docs", token: null), await Api.SendAsync(HttpMethod.Get, "/apis/openapi.json", token: null) };

        Assert.All(responses, r =>
        {
            Assert.Equal("nosniff", r.Header("X-Content-Type-Options"));
            Assert.Equal("no-store", r.Header("Cache-Control"));
        });
        Assert.All(reference, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.Equal("nosniff", r.Header("X-Content-Type-Options"));
            Assert.NotEqual("no-store", r.Header("Cache-Control"));
        });
    }

    [Fact]
    public async Task A_10_MiB_CSV_of_continuation_rows_is_400_too_many_items_at_the_row_of_the_51st_entry()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var csv = new StringBuilder("Name,Price,Category Name,Permission Type,Roles\nGift,1,Premium Rewards,role,VIP Member\n");
        while (csv.Length < (10 * 1024 * 1024) - 64) csv.Append(",,,role,VIP Member\n"); // about 550,000 entries

        var response = await Api.UploadCsvAsync(community.Token, Encoding.UTF8.GetBytes(csv.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(("too_many_items", "[0].productPermission", 52), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString(), error.GetProperty("row").GetInt32()));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Theory]
    [InlineData(100_000, 1, "[0].productPermission")]
    [InlineData(1, 101, "[0].productPermission[0].permission.roleNames")]
    public async Task A_JSON_product_over_the_permission_bounds_is_400_too_many_items_naming_the_field(int entries, int roles, string field)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var entry = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "role",
            ["permission"] = new System.Text.Json.Nodes.JsonObject { ["roleNames"] = new System.Text.Json.Nodes.JsonArray([.. Enumerable.Repeat<System.Text.Json.Nodes.JsonNode>("VIP Member", roles).Select(n => n.DeepClone())]) },
        };
        var product = Catalogue.Product("Bounded");
        product["productPermission"] = new System.Text.Json.Nodes.JsonArray([.. Enumerable.Range(0, entries).Select(_ => entry.DeepClone())]);

        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
            PartnerApi.RawJson(new System.Text.Json.Nodes.JsonArray(product).ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal([("too_many_items", field)], response.Json.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Theory]
    [InlineData("/apis/categories", "name")]
    [InlineData("/apis/roles", "name")]
    [InlineData("/apis/tags", "name")]
    [InlineData("/apis/redemption-statuses", "name")]
    [InlineData("/apis/users", "username")]
    public async Task Names_are_stored_in_NFC_so_look_alikes_collide_and_invisible_characters_are_400(string path, string field)
    {
        var community = await Api.BootstrapCommunityAsync();
        object Body(string name) => field == "username" ? new { username = name, email = "cafe@example.com" } : new { name };

        var decomposed = await Api.SendAsync(HttpMethod.Post, path, community.Token, Body("Cafe\u0301"));
        var composed = await Api.SendAsync(HttpMethod.Post, path, community.Token, Body("Caf\u00e9"));
        var invisible = new List<ApiResponse>();
        foreach (var name in new[] { "Caf\u00e9\u200b", "\u202eGold", "\ufeffGold", "Go\u00adld" })
        {
            invisible.Add(await Api.SendAsync(HttpMethod.Post, path, community.Token, Body(name)));
        }

        Assert.Equal(HttpStatusCode.Created, decomposed.Status);
        Assert.Equal("Caf\u00e9", decomposed.Json.GetProperty("data").GetProperty(field).GetString());
        Assert.Equal(HttpStatusCode.Conflict, composed.Status);
        Assert.All(invisible, r => Assert.Equal((HttpStatusCode.BadRequest, "invalid_character"), (r.Status, r.ErrorCode())));
    }

    [Fact]
    public async Task Product_names_are_stored_in_NFC_and_resolve_names_in_either_form()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new { name = "Caf\u00e9" })).Status);
        var product = Catalogue.Product("Cre\u0300me", "Cafe\u0301");

        var created = await Api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, product);
        var invisible = await Api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, Catalogue.Product("Gift\u200d"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(("Cr\u00e8me", "Caf\u00e9"), (created.Json.GetProperty("data").GetProperty("name").GetString(), created.Json.GetProperty("data").GetProperty("category").GetString()));
        Assert.Equal(("invalid_character", "name"), (invisible.ErrorCode(), invisible.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
    }

    /// <summary>A client address of the test's own (the stack's gateway reads it from X-Forwarded-For, as behind its ingress).</summary>
    private static Dictionary<string, string> ClientAddress()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return new Dictionary<string, string> { ["X-Forwarded-For"] = $"127.{bytes[0]}.{bytes[1]}.{bytes[2] | 1}" };
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
