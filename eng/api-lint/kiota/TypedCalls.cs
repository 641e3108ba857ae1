using System.Text;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using ReturningAi.PartnerClient;
using ReturningAi.PartnerClient.Models;

namespace ReturningAi.PartnerClient.Calls;

/// <summary>What a partner writes with the generated client; it must compile against every regenerated document.</summary>
public static class TypedCalls
{
    public static async Task<int?> RunAsync(HttpClient http, string apiKey)
    {
        var adapter = new HttpClientRequestAdapter(
            new ApiKeyAuthenticationProvider(apiKey, "x-api-key", ApiKeyAuthenticationProvider.KeyLocation.Header), httpClient: http);
        var client = new PartnerClient(adapter);

        // A bulk create, as the product page's example.
        var created = await client.Apis.Products.Bulk.PostAsync(
        [
            new ProductCreate
            {
                Name = "Premium Voucher",
                Price = 100,
                CategoryName = "Premium Rewards",
                Vouchers = ["VOUCHER-001", "VOUCHER-002"],
                VoucherExpireDate = new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero),
            },
        ], request => request.QueryParameters.DryRun = false);
        var productId = created?.Data?[0].Id;

        // A bulk update by id.
        await client.Apis.Products.Bulk.PutAsync([new ProductBulkUpdateItem { ProductID = productId, Price = 120, IsArchived = false }]);

        // A CSV upload: the same operation with the multipart body.
        var upload = client.Apis.Products.Bulk.ToPostRequestInformation([]);
        var form = new MultipartBody();
        form.AddOrReplacePart("file", "text/csv", Encoding.UTF8.GetBytes("Name,Price,Category Name\nMug,10,Premium Rewards\n"), "products.csv");
        upload.SetContentFromParsable(adapter, "multipart/form-data", form);
        var uploaded = await adapter.SendAsync(upload, ApiEnvelopeOfIReadOnlyListOfProductDto.CreateFromDiscriminatorValue);

        // A list with paging, sort, projection and a filter.
        var page = await client.Apis.Products.GetAsync(request =>
        {
            request.QueryParameters.Skip = 20;
            request.QueryParameters.Limit = 20;
            request.QueryParameters.Sort = "price:asc";
            request.QueryParameters.Fields = "name,price";
            request.QueryParameters.Filter = ["isArchived:false"];
        });
        return (page?.Meta?.Total ?? 0) + (uploaded?.Meta?.Created ?? 0);
    }
}
