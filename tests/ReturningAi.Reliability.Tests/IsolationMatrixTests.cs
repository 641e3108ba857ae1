using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// Every operation of the partner API, as the gateway's own OpenAPI document lists it, called with a
/// key of community B against the resources and names of community A: ids of A are 404, lists and
/// reads show only B, A's names do not resolve for B, and A's data is the same afterwards. A route
/// added later is in the matrix without touching this test (and fails it until its parameters are known).
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class IsolationMatrixTests(ReliabilityStack stack)
{
    private const string SecretCategory = "Secret Category A";
    private const string SecretRole = "Secret Role A";
    private const string SecretField = "secret-field-a";

    [Fact]
    public async Task A_key_of_another_community_gets_404_or_only_its_own_data_on_every_route()
    {
        var api = stack.Api;
        var a = await CommunityAAsync();
        var b = await api.BootstrapCommunityAsync();
        var before = await SnapshotAsync(a);

        using var document = JsonDocument.Parse(await api.Http.GetStringAsync(new Uri("/apis/openapi.json", UriKind.Relative)));
        var called = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var (url, targetsA) = Fill(path.Name, a);
                var body = Body(method, path.Name, a);
                var sent = url + (body is null ? "" : await body.ReadAsStringAsync());
                var headers = method == HttpMethod.Post ? new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() } : null;
                var response = await api.SendRawAsync(method, url, b.Token, body, headers);
                called.Add($"{method} {path.Name} -> {(int)response.Status}");

                // Never A's data, whatever the answer (an error may name the id the caller sent itself).
                foreach (var secret in a.Ids.Append(a.Token).Append(a.EndpointSecret).Where(id => !sent.Contains(id, StringComparison.Ordinal)))
                {
                    Assert.False(response.Body.Contains(secret, StringComparison.Ordinal), $"{method} {url} showed community A's data: {response.Body}");
                }

                Assert.True((int)response.Status < 500, $"{method} {url} answered {(int)response.Status}: {response.Body}");
                Assert.Equal(Expected(method, path.Name, targetsA), response.Status);
            }
        }

        Assert.True(called.Count >= 30, "The document lists fewer operations than the API has:\n" + string.Join("\n", called));
        Assert.Equal(before, await SnapshotAsync(a));
        Assert.Equal((1, 2), await StoreDatabase.CountAsync(a.CommunityId));
    }

    private static HttpStatusCode Expected(HttpMethod method, string path, bool targetsA) => (method.Method, path) switch
    {
        _ when targetsA => HttpStatusCode.NotFound,
        // A's user named in the body: not found for B.
        ("POST", "/apis/users/info" or "/apis/users/manage" or "/apis/user-field-histories" or "/apis/webhooks/incoming/user-fields") => HttpStatusCode.NotFound,
        ("POST", "/apis/users/search") => HttpStatusCode.OK, // B's own users: none of A's
        ("POST", "/apis/communities") => HttpStatusCode.Unauthorized, // the platform admin's route
        ("PUT", "/apis/products/bulk") => HttpStatusCode.NotFound, // A's product id in the body
        // A's user, order and status in the body: not found for B.
        ("POST", "/apis/wallet/transactions" or "/apis/webhooks/incoming/currency" or "/apis/store/purchases" or "/apis/redemption-orders/by-email") => HttpStatusCode.NotFound,
        ("PUT", "/apis/redemption-transactions/status") => HttpStatusCode.NotFound,
        ("POST", "/apis/products" or "/apis/products/bulk") => HttpStatusCode.BadRequest, // A's category does not resolve
        ("POST", "/apis/users/bulk-update" or "/apis/users/bulk-import" or "/apis/bulk/currency") => HttpStatusCode.OK, // a job of B's own, queued
        ("POST", _) => HttpStatusCode.Created, // B's own namespace: A's names are free there
        _ => HttpStatusCode.OK, // lists and singletons: B's own
    };

    /// <summary>The path with A's ids in it, and whether it names one of A's resources.</summary>
    private static (string Url, bool TargetsA) Fill(string path, CommunityA a)
    {
        var targetsA = false;
        var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", match =>
        {
            targetsA = true;
            return match.Groups[1].Value switch
            {
                "apiKeyId" => a.KeyId,
                "categoryId" => a.CategoryId,
                "productId" => a.ProductId,
                "statusId" => a.StatusId,
                "userId" => a.UserId,
                "field" => a.FieldId,
                "communityId" => a.CommunityId,
                "order" or "purchaseHistoryID" => a.OrderId,
                "endpointId" => a.EndpointId,
                "deliveryId" => a.DeliveryId,
                "jobId" => a.JobId,
                "id" when path.StartsWith("/apis/roles/", StringComparison.Ordinal) => a.RoleId,
                "id" when path.StartsWith("/apis/tags/", StringComparison.Ordinal) => a.TagId,
                var unknown => throw new InvalidOperationException($"The isolation matrix has no id of community A for {{{unknown}}} in {path}: add one."),
            };
        });
        // The wallet's reads name their user in the query.
        if (path is "/apis/wallet" or "/apis/wallet/ledger") (url, targetsA) = ($"{url}?userID={a.UserId}", true);
        return (url, targetsA);
    }

    /// <summary>A body the route would accept from A itself, so that only the community decides the answer.</summary>
    private static HttpContent? Body(HttpMethod method, string path, CommunityA a)
    {
        if (method == HttpMethod.Get || method == HttpMethod.Delete) return null;
        // A users CSV naming A's user's email: for B, a user of its own.
        if (path is "/apis/users/bulk-update" or "/apis/users/bulk-import") return CsvFile("email,username\na@example.com,b-bulk-user\n");
        // A currency CSV naming A's user's email: for B, its own user of that email or none.
        if (path is "/apis/bulk/currency") return CsvFile("email,amount,operation,reason\na@example.com,5,add,Hijack\n");
        object body = (method.Method, path) switch
        {
            ("POST", "/apis/communities") => new { name = "Hijack", url = "https://example.com" },
            ("POST", "/apis/api-keys") => new { name = "B's key", permissions = new[] { "store" } },
            ("POST", "/apis/users") => new { username = "secret-user-a", email = "b@example.com" },
            ("POST", "/apis/products") => Catalogue.Product("Hijack", SecretCategory),
            ("POST", "/apis/products/bulk") => new JsonArray(Catalogue.Product("Hijack", SecretCategory)),
            ("PUT", "/apis/products/bulk") => new JsonArray(new JsonObject { ["_id"] = a.ProductId, ["name"] = "Hijacked" }),
            ("PUT", "/apis/store/configuration") => new { currencyName = "B coins" },
            ("PUT", "/apis/api-keys/{apiKeyId}") => new { name = "Hijacked" },
            ("PUT", "/apis/products/{productId}") => new { name = "Hijacked", vouchers = new[] { "HIJACK-1" }, voucherExpireDate = "2031-01-01T00:00:00Z" },
            ("POST", "/apis/roles") => new { name = SecretRole },
            ("POST", "/apis/users/info") => new { idOrEmail = a.UserId },
            ("POST", "/apis/users/manage") => new { action = "ban", user = a.UserId, reason = "hijack" },
            ("POST", "/apis/users/search") => new { search = "secret" },
            ("POST", "/apis/user-field-histories") => new[] { new { userID = a.UserId, field = SecretField, newValue = "B", changedAt = "2025-01-01T00:00:00Z" } },
            ("POST", "/apis/user-fields") => new { field = SecretField, name = "Secret name of A", type = "text" },
            ("POST", "/apis/users/{userId}/field-histories") => new[] { new { field = SecretField, newValue = "B", changedAt = "2025-01-01T00:00:00Z" } },
            ("POST", "/apis/users/{userId}/roles" or "/apis/users/{userId}/tags") => new { add = new[] { SecretRole } },
            ("PUT", "/apis/users/{userId}/fields/{field}") => new { value = "B" },
            ("PUT", "/apis/community/theme") => new { primary = "#000000" },
            ("PUT", "/apis/community/metadata") => new { guestModeEnabled = true },
            ("PUT", "/apis/community-bot") => new { name = "B bot" },
            ("PUT", "/apis/management/communities/{communityId}") => new { name = "Hijacked" },
            ("PUT", "/apis/users/{userId}") => new { displayname = "Hijacked" },
            ("POST", "/apis/wallet/transactions" or "/apis/webhooks/incoming/currency") => new { userID = a.UserId, operation = "credit", amount = 5, reason = "Hijack" },
            ("POST", "/apis/store/purchases") => new { productID = a.ProductId, userID = a.UserId },
            ("POST", "/apis/redemption-orders/by-email") => new { email = "a@example.com" },
            ("PUT", "/apis/redemption-orders/{order}/status") => new { statusName = "Secret name of A" },
            ("PUT", "/apis/redemption-transactions/status") => new { transactionId = a.OrderId, statusId = a.StatusId },
            ("PATCH" or "PUT", "/apis/purchase-histories/{purchaseHistoryID}") => new { redemptionInstructions = "Hijacked" },
            // A receiver the stack allows (127.0.0.0/8); nothing listens there, and B's endpoint gets no event of A anyway.
            ("POST", "/apis/webhooks/endpoints") => new { url = "http://127.0.0.1:9/b-hook", events = new[] { "*" } },
            ("PUT", "/apis/webhooks/endpoints/{endpointId}") => new { description = "Hijacked", url = "http://127.0.0.1:9/hijacked" },
            ("POST", "/apis/webhooks/incoming/user-fields") => new { userID = a.UserId, fields = new Dictionary<string, string> { [SecretField] = "B" } },
            // Off: on, B's own plain user-fields call of this matrix would be refused before it looks for A's user.
            ("PUT", "/apis/webhooks/incoming/encryption") => new { isEnabled = false },
            _ => new { name = "Secret name of A" },
        };
        return JsonContent.Create(body);
    }

    private async Task<CommunityA> CommunityAAsync()
    {
        var api = stack.Api;
        var community = await api.BootstrapCommunityAsync();
        async Task<string> Create(string path, object body)
        {
            var response = await api.SendAsync(HttpMethod.Post, path, community.Token, body);
            Assert.Equal(HttpStatusCode.Created, response.Status);
            return response.Json.GetProperty("data").GetProperty("_id").GetString()!;
        }

        var categoryId = await Create("/apis/categories", new { name = SecretCategory });
        var statusId = await Create("/apis/redemption-statuses", new { name = "Secret name of A" });
        var roleId = await Create("/apis/roles", new { name = SecretRole });
        var tagId = await Create("/apis/tags", new { name = "Secret name of A" });
        var fieldId = await Create("/apis/user-fields", new { field = SecretField, name = "Secret name of A", type = "text" });
        var userId = await Create("/apis/users", new { username = "secret-user-a", email = "a@example.com",
            customFields = new[] { new { fieldIdorName = SecretField, value = "A-value" } } });
        var (keyId, _) = await api.CreateKeyAsync(community.Token, ["store"]);
        var productId = await Eventually.Until(
            () => api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, Catalogue.Product("Secret product of A", SecretCategory, "A-1", "A-2")),
            r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(10), "A's product to be created");
        var configured = await api.SendAsync(HttpMethod.Put, "/apis/store/configuration", community.Token, new { currencyName = "A coins" });
        Assert.Equal(HttpStatusCode.OK, configured.Status);

        // A's user (created through Community; the store learns it from USER_CREATED) buys A's product:
        // an order, a wallet and its ledger for B to reach for.
        var product = productId.Json.GetProperty("data").GetProperty("_id").GetString()!;
        await StoreDatabase.UserCopiedAsync(userId);
        var credited = await api.SendAsync(HttpMethod.Post, "/apis/wallet/transactions", community.Token,
            new { userID = userId, operation = "credit", amount = 100, reason = "A's points" }, new Dictionary<string, string> { ["Idempotency-Key"] = "credit-a" });
        Assert.True(credited.Status == HttpStatusCode.Created, credited.Body);
        var bought = await api.SendAsync(HttpMethod.Post, "/apis/store/purchases", community.Token, new { productID = product, userID = userId },
            new Dictionary<string, string> { ["Idempotency-Key"] = "purchase-a" });
        Assert.True(bought.Status == HttpStatusCode.Created, bought.Body);
        // A type nothing here emits: A's purchase above now reaches partners, and recorded after this endpoint was made its failing
        // delivery would set the endpoint's failingSince between the snapshots.
        var endpoint = await api.SendAsync(HttpMethod.Post, "/apis/webhooks/endpoints", community.Token,
            new { url = "http://127.0.0.1:9/a-hook", events = new[] { "community.user_visited" }, description = "Secret name of A" });
        Assert.Equal(HttpStatusCode.Created, endpoint.Status);
        var endpointId = endpoint.Json.GetProperty("data").GetProperty("_id").GetString()!;
        // The test event's attempt is made before the answer, so A's delivery log is settled from here on.
        var test = await api.SendAsync(HttpMethod.Post, $"/apis/webhooks/endpoints/{endpointId}/test", community.Token);
        Assert.Equal(HttpStatusCode.OK, test.Status);

        // A users job that changes nothing (the row names A's user by email alone), finished before the snapshot.
        var job = await api.SendRawAsync(HttpMethod.Post, "/apis/users/bulk-update", community.Token, CsvFile("email\na@example.com\n"));
        Assert.Equal(HttpStatusCode.OK, job.Status);
        var jobId = job.Json.GetProperty("data").GetProperty("_id").GetString()!;
        await Eventually.Until(() => api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}", community.Token),
            r => r.Json.GetProperty("data").GetProperty("state").GetString() == "succeeded", TimeSpan.FromSeconds(60), "A's users job to finish");
        return new CommunityA(community.CommunityId, community.Token, keyId, categoryId, product, statusId, roleId, tagId, userId, fieldId,
            bought.Json.GetProperty("data").GetProperty("order").GetProperty("_id").GetString()!, endpointId,
            endpoint.Json.GetProperty("data").GetProperty("secret").GetString()!, test.Json.GetProperty("data").GetProperty("_id").GetString()!, jobId);
    }

    private static MultipartFormDataContent CsvFile(string csv)
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "users.csv" } };
    }

    /// <summary>Everything A can read of its own, as text: equal before and after means untouched.</summary>
    private async Task<string> SnapshotAsync(CommunityA a)
    {
        var parts = new List<string>();
        foreach (var path in new[]
                 {
                     $"/apis/categories/{a.CategoryId}", $"/apis/products/{a.ProductId}", $"/apis/redemption-statuses/{a.StatusId}",
                     $"/apis/users/{a.UserId}", "/apis/roles", "/apis/tags", "/apis/api-keys", "/apis/store/configuration", "/apis/products",
                     "/apis/user-fields", $"/apis/users/{a.UserId}/field-histories", $"/apis/users/{a.UserId}/account-actions", "/apis/community",
                     $"/apis/redemption-orders/{a.OrderId}", $"/apis/redemption-orders/{a.OrderId}/history", "/apis/redemption-orders",
                     $"/apis/wallet?userID={a.UserId}", $"/apis/wallet/ledger?userID={a.UserId}",
                     "/apis/webhooks/endpoints", $"/apis/webhooks/endpoints/{a.EndpointId}/deliveries/{a.DeliveryId}",
                     $"/apis/bulk/jobs/{a.JobId}",
                 })
        {
            var response = await stack.Api.SendAsync(HttpMethod.Get, path, a.Token);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            parts.Add(path + " " + response.Json.GetProperty("data").GetRawText());
        }

        return string.Join("\n", parts);
    }

    private sealed record CommunityA(
        string CommunityId, string Token, string KeyId, string CategoryId, string ProductId, string StatusId, string RoleId, string TagId, string UserId,
        string FieldId, string OrderId, string EndpointId, string EndpointSecret, string DeliveryId, string JobId)
    {
        public IEnumerable<string> Ids => [CommunityId, KeyId, CategoryId, ProductId, StatusId, RoleId, TagId, UserId, FieldId, OrderId, EndpointId, DeliveryId, JobId];
    }
}
