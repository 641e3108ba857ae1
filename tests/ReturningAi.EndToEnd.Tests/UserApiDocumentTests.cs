using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>The user, user field and community routes in the partner API document (users.md; every new route with examples).</summary>
[Collection(StackCollection.Name)]
public sealed class UserApiDocumentTests(StackFixture stack)
{
    private static readonly string[] Prefixes = ["/apis/users", "/apis/user-field", "/apis/community", "/apis/communities/{communityId}/", "/apis/management/"];

    [Fact]
    public async Task Every_user_route_is_documented_with_an_operation_id_and_examples_of_its_body_and_answer()
    {
        using var response = await stack.Api.Http.GetAsync("/apis/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var read = await OpenApiDocument.LoadAsync(body, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic!.Errors);

        var operations = read.Document!.Paths.Where(p => Prefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(p => p.Value.Operations!.Select(o => (Path: p.Key, Method: o.Key.Method, Operation: o.Value))).ToList();
        var missing = new List<string>();
        foreach (var (path, method, operation) in operations)
        {
            if (string.IsNullOrEmpty(operation.OperationId) || !char.IsLower(operation.OperationId[0])) missing.Add($"{method} {path}: operationId");
            // Each body's example in its own type: JSON, or the multipart CSV of the bulk uploads.
            if (operation.RequestBody is { } request && (request.Content is null || request.Content.Values.Any(c => c.Example is null)))
            {
                missing.Add($"{method} {path}: request example");
            }
            var success = operation.Responses!.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0 || success.Any(r => r.Value.Content?["application/json"].Example is null)) missing.Add($"{method} {path}: answer example");
            if (!operation.Responses!.Keys.Any(k => k.StartsWith('4'))) missing.Add($"{method} {path}: refusals");
        }

        Assert.Empty(missing);
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.OperationId).Distinct().Count());
        foreach (var route in new[]
                 {
                     "POST /apis/users", "POST /apis/users/search", "POST /apis/users/info", "POST /apis/users/manage", "PUT /apis/users/{userId}",
                     "GET /apis/users/{userId}/account-actions", "POST /apis/users/{userId}/roles", "POST /apis/users/{userId}/tags",
                     "PUT /apis/users/{userId}/fields/{field}", "GET /apis/users/{userId}/fields/{field}/histories", "POST /apis/users/{userId}/field-histories",
                     "GET /apis/user-fields", "DELETE /apis/user-fields/{field}", "GET /apis/user-fields/{field}/histories", "POST /apis/user-field-histories",
                     "GET /apis/communities/{communityId}/user-fields", "GET /apis/community", "GET /apis/community/users", "PUT /apis/community/theme",
                     "PUT /apis/community-bot", "PUT /apis/community/metadata", "PUT /apis/management/communities/{communityId}",
                 })
        {
            Assert.Contains(route, operations.Select(o => $"{o.Method} {o.Path}"));
        }
    }
}
