using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReturningAi.ApiDocument.Tests;

/// <summary>What generators need of every operation, checked on the served document itself.</summary>
[Collection(DocumentCollection.Name)]
public sealed partial class DocumentShapeTests(DocumentFixture stack)
{
    [Fact]
    public void Every_operation_has_a_unique_camelCase_operationId()
    {
        using var document = JsonDocument.Parse(stack.DocumentText);
        var ids = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                Assert.True(operation.Value.TryGetProperty("operationId", out var id), $"{operation.Name} {path.Name} has no operationId.");
                Assert.Matches(CamelCase(), id.GetString());
                ids.Add(id.GetString()!);
            }
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids.Count >= 30, $"Only {ids.Count} operations.");
    }

    [Fact]
    public async Task The_server_is_relative_whatever_the_Host_header_and_the_document_may_be_cached()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/openapi.json");
        request.Headers.Host = "attacker.example";
        using var response = await stack.Api.Http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.DoesNotContain("attacker.example", document.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("max-age", stack.DocumentResponse!.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Category_permissions_are_documented_by_names_that_resolve_to_the_items_they_name()
    {
        using var document = JsonDocument.Parse(stack.DocumentText);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["combination", "isSelectAll", "roleNames", "tagNames", "usernames"],
            schemas.GetProperty("CategoryPermissionTargets").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var stored in new[] { "roleIds", "tagIds", "userIds", "StoredCategoryPermissionEntry", "PermissionTargetIds" })
        {
            Assert.DoesNotContain(stored, stack.DocumentText, StringComparison.Ordinal);
        }

        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/apis/categories", "post"), ("/apis/categories/{categoryId}", "put") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _), $"{method} {path} documents no 400.");
            var description = operation.GetProperty("description").GetString();
            Assert.Contains("`unknown_role`", description, StringComparison.Ordinal);
            Assert.Contains("current names", description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_refusal_of_the_rewards_routes_has_an_example_in_the_error_envelope()
    {
        string[] rewards =
        [
            "getWallet", "listWalletLedger", "createWalletTransaction", "createPurchase", "listRedemptionOrders", "listRedemptionOrdersByEmail",
            "getRedemptionOrder", "updateRedemptionOrderStatus", "listRedemptionOrderHistory", "updateRedemptionTransactionStatus",
            "updatePurchaseHistory", "replacePurchaseHistory", "incomingCurrency",
        ];
        using var document = JsonDocument.Parse(stack.DocumentText);
        var codes = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var operation in document.RootElement.GetProperty("paths").EnumerateObject()
                     .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => o.Value))
                     .Where(o => rewards.Contains(o.GetProperty("operationId").GetString())))
        {
            var id = operation.GetProperty("operationId").GetString()!;
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                if (response.Value.TryGetProperty("$ref", out _)) continue; // the gateway's shared answers, each with its example
                var media = response.Value.GetProperty("content").GetProperty("application/json");
                var examples = media.TryGetProperty("examples", out var named)
                    ? named.EnumerateObject().Select(e => e.Value.GetProperty("value")).ToList()
                    : media.TryGetProperty("example", out var one) ? [one] : [];
                Assert.True(examples.Count > 0, $"{id} {response.Name} has no example.");
                foreach (var example in examples)
                {
                    Assert.Equal(int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture), example.GetProperty("meta").GetProperty("statusCode").GetInt32());
                    var code = example.GetProperty("errors")[0].GetProperty("code").GetString()!;
                    (codes.TryGetValue(id, out var seen) ? seen : codes[id] = new SortedSet<string>(StringComparer.Ordinal)).Add($"{response.Name} {code}");
                }
            }
        }

        Assert.Equal(rewards.Order(StringComparer.Ordinal), codes.Keys.Order(StringComparer.Ordinal));
        // The purchase: every rule's refusal (rewards.md §4), the key's and the body's.
        Assert.Superset(new SortedSet<string>(StringComparer.Ordinal)
        {
            "400 missing_idempotency_key", "400 user_identifier_required", "400 missing_user_information",
            "403 forbidden", "403 user_banned", "403 view_only", "403 not_eligible", "404 user_not_found", "404 product_not_found",
            "409 store_closed", "409 product_archived", "409 purchase_limit_reached", "409 price_changed", "409 out_of_stock",
            "409 insufficient_balance", "409 idempotency_key_reused", "409 idempotency_key_in_progress",
        }, codes["createPurchase"]);
        Assert.Superset(new SortedSet<string>(StringComparer.Ordinal) { "409 insufficient_balance", "400 invalid_amount", "404 user_not_found" },
            codes["createWalletTransaction"]);
        // The incoming currency webhook: the wallet transaction's refusals and the incoming encryption's (events-and-jobs.md §2).
        Assert.Superset(new SortedSet<string>(StringComparer.Ordinal)
        {
            "400 missing_idempotency_key", "400 user_identifier_required", "400 invalid_operation", "400 invalid_amount", "400 invalid_length",
            "400 encryption_required", "400 encryption_disabled", "400 decryption_failed", "403 forbidden", "404 user_not_found",
            "409 insufficient_balance", "409 idempotency_key_reused",
        }, codes["incomingCurrency"]);
        Assert.Superset(new SortedSet<string>(StringComparer.Ordinal) { "400 status_required", "400 unknown_redemption_status", "404 not_found", "409 order_refunded" },
            codes["updateRedemptionOrderStatus"]);
        Assert.Superset(new SortedSet<string>(StringComparer.Ordinal)
        {
            "400 empty_update", "400 voucher_fields_required", "404 voucher_not_found", "409 duplicate_voucher", "409 order_refunded", "502 upstream_unavailable",
        }, codes["updatePurchaseHistory"]);
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
