using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PuppeteerSharp;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>The partner API reference: the OpenAPI document the gateway serves, and the page that shows it.</summary>
[Collection(StackCollection.Name)]
public sealed class ApiReferenceTests(StackFixture stack)
{
    /// <summary>Debian's package; a browser cannot be downloaded at test time. eng/infra.sh install puts it there.</summary>
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_1_and_describes_every_partner_route_without_the_internal_ones()
    {
        using var response = await stack.Api.Http.GetAsync("/apis/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var read = await OpenApiDocument.LoadAsync(body, "json", new OpenApiReaderSettings());

        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        var document = read.Document!;
        foreach (var path in new[]
                 {
                     "/apis/communities", "/apis/api-keys", "/apis/api-keys/current", "/apis/roles", "/apis/tags/{id}", "/apis/users/{userId}",
                     "/apis/categories/{categoryId}", "/apis/redemption-statuses", "/apis/products", "/apis/products/{productId}",
                     "/apis/products/bulk", "/apis/products/bulk/template", "/apis/store/configuration", "/apis/stores",
                     "/apis/webhooks/endpoints", "/apis/webhooks/endpoints/{endpointId}", "/apis/webhooks/endpoints/{endpointId}/rotate-secret",
                     "/apis/webhooks/endpoints/{endpointId}/test", "/apis/webhooks/endpoints/{endpointId}/deliveries",
                     "/apis/webhooks/endpoints/{endpointId}/deliveries/{deliveryId}", "/apis/webhooks/endpoints/{endpointId}/deliveries/{deliveryId}/redeliver",
                     "/apis/webhooks/event-types",
                 })
        {
            Assert.True(document.Paths.ContainsKey(path), $"{path} is missing from the document.");
        }

        Assert.DoesNotContain(document.Paths.Keys, path => path.Contains("internal", StringComparison.Ordinal) || !path.StartsWith("/apis/", StringComparison.Ordinal));

        var bulk = document.Paths["/apis/products/bulk"].Operations![HttpMethod.Post];
        Assert.Equal(["application/json", "multipart/form-data"], bulk.RequestBody!.Content!.Keys.Order());
        Assert.NotNull(bulk.RequestBody.Content["application/json"].Example);
        Assert.Equal(["200", "201", "400", "401", "403", "409", "413", "415", "429", "502"], bulk.Responses!.Keys.Order());
        Assert.All(bulk.Responses.Values, r => Assert.NotNull(r.Content!["application/json"].Example));
        Assert.Equal("Premium Voucher", bulk.Responses["201"].Content!["application/json"].Example!["data"]![0]!["name"]!.GetValue<string>());
        Assert.Contains(bulk.Parameters!, p => p.Name == "Idempotency-Key" && p.In == ParameterLocation.Header);
        Assert.Contains(bulk.Parameters!, p => p.Name == "dryRun" && p.In == ParameterLocation.Query);

        // Every operation says how to authenticate: the platform admin only creates communities.
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var schemes = operation.Security!.Select(requirement => Assert.Single(requirement).Key.Reference.Id);
                Assert.Equal(path == "/apis/communities" ? ["platformAdmin"] : ["apiKeyHeader", "apiKey"], schemes);
                Assert.True(operation.Responses!.ContainsKey("401"), $"{method} {path} does not list 401.");
            }
        }
    }

    [Fact]
    public async Task The_reference_page_shows_the_bulk_endpoint_in_a_real_browser()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run eng/infra.sh install (it installs Debian's chromium package).");
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in CI has no user namespace sandbox; the page is our own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });

        var response = await page.GoToAsync(new Uri(stack.Api.Http.BaseAddress!, "/apis/docs").ToString(), WaitUntilNavigation.DOMContentLoaded);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('Create products in bulk')",
            new WaitForFunctionOptions { Timeout = 60_000 });

        var text = await page.EvaluateExpressionAsync<string>("document.body.innerText");
        Assert.Contains("ReturningAi partner API", text, StringComparison.Ordinal);
        Assert.Contains("/apis/products/bulk", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "api-reference.png"));
    }
}
