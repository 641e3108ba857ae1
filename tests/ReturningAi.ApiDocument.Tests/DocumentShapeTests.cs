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

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
