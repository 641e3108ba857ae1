using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using ReturningAi.Contracts.Requests;
using ReturningAi.Gateway.ApiReference;
using ReturningAi.Gateway.Authentication;
using ReturningAi.Products;
using ReturningAi.Products.Csv;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Memory;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Gateway.Apis;

/// <summary>
/// The bulk product routes, which the gateway serves itself instead of proxying: it reads and
/// shape-checks the body (JSON, or CSV for the create) so that bad input never travels, then hands
/// the work to the store as <c>PRODUCT_EVENTS.CREATE_PRODUCTS</c> or <c>PRODUCT_EVENTS.UPDATE_PRODUCTS</c>.
/// Also the CSV template.
/// </summary>
public static class ProductsBulkApi
{
    public static IEndpointRouteBuilder MapProductsBulkApi(this IEndpointRouteBuilder app)
    {
        const string Path = "/apis/products/bulk";
        app.MapPost(Path, CreateProducts).RequireAuthorization(Permissions.Store).WithTags("Products").WithName("createProductsBulk")
            .QueryParameter("dryRun", Microsoft.OpenApi.JsonSchemaType.Boolean, "true: check and resolve everything, write nothing (200 with meta.wouldCreate).")
            .QueryParameter("async", Microsoft.OpenApi.JsonSchemaType.String,
                "true: queue the products as a bulk job instead (200 with the queued job and its Location); any other value is 400 unsupported_option.")
            .QueryParameter("onError", Microsoft.OpenApi.JsonSchemaType.String,
                "With async=true: abort (the default; a product with errors means none is created) or skip (the products without errors are created).")
            .BodyArray<ProductInput>("ProductBulkCreate", ProductJsonReader.MaxBulkProducts).Returns<IReadOnlyList<ProductDto>>(StatusCodes.Status201Created).Returns<IReadOnlyList<ProductDto>>()
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(BulkEndpointDocumentation.DescribeCreate);
        app.MapPut(Path, UpdateProducts).RequireAuthorization(Permissions.Store).WithTags("Products").WithName("updateProductsBulk")
            .BodyArray<ProductBulkUpdateItem>("ProductBulkUpdate", ProductJsonReader.MaxBulkProducts).Returns<IReadOnlyList<ProductDto>>()
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer(BulkEndpointDocumentation.DescribeUpdate);
        app.MapGet(Path + "/template", GetTemplate).RequireAuthorization(Permissions.Store).WithTags("Products").WithName("getProductsBulkTemplate")
            .AddOpenApiOperationTransformer(BulkEndpointDocumentation.DescribeTemplate);
        return app;
    }

    public static async Task<IResult> CreateProducts(
        HttpContext http, IRequestClient<CreateProducts> client, StoreCommandSender sender, ProductsCheckIn checkIn, GatewayMetrics metrics,
        IOptions<BulkOptions> options, string? dryRun)
    {
        metrics.CountBulkRequest(http, "create");
        var isDryRun = string.Equals(dryRun, "true", StringComparison.OrdinalIgnoreCase);
        var (idempotency, invalidKey) = IdempotencyHeader.Read(http);
        if (invalidKey is not null) return invalidKey;
        if (UploadFormat(http, options.Value) is ({ } mediaType, { } format))
        {
            return await CreateFromUploadAsync(http, client, sender, checkIn, idempotency!, mediaType, format, isDryRun);
        }

        var read = await ReadBodyAsync(http, idempotency!);
        if (read.Error is not null) return read.Error;
        var communityId = http.User.FindFirst(GatewayClaims.CommunityId)!.Value;
        // The store names fields; a CSV uploader also needs the row and column they came from.
        Func<ErrorItem, ErrorItem> locate = read.Csv is { } csv ? csv.Layout.Locate : error => error;
        if (!read.Products!.Succeeded) return await InvalidAsync(http, client, sender, checkIn, communityId, read.Products, locate);

        metrics.BulkAccepted(read.Products.Products.Count);
        if (LargeImportMemory.IsLarge(ProductRules.WorkItems(read.Products.Products))) ReleaseLargeImportMemoryAfter(http);

        var (command, unavailable) = await checkIn.CheckInAsync(http, new CreateProducts(communityId, http.GetRequestId(), read.Products.Products, isDryRun)
        {
            Idempotency = idempotency!.Stamp(),
        });
        if (unavailable is not null) return unavailable;
        return await sender.SendAsync<CreateProducts, CreateProductsSucceeded>(http, client, command!, locate, Created);
    }

    private static IResult Created(CreateProductsSucceeded succeeded)
    {
        var (meta, message) = succeeded.DryRun
            ? (ApiMeta.Success(StatusCodes.Status200OK) with { DryRun = true, WouldCreate = succeeded.Count() }, "Dry run: nothing was created.")
            : (ApiMeta.Success(StatusCodes.Status201Created) with { Created = succeeded.Count() }, "Create products success.");
        return succeeded.ProductsData is { HasValue: true } checkedIn
            ? new CheckedInProductsResult(meta, message, checkedIn)
            : ApiResults.Success(meta, message, succeeded.Products);
    }

    /// <summary>
    /// How a large body (over <see cref="BulkOptions.UploadByClaimCheckBytes"/>, or of undeclared length) is sent on unparsed;
    /// null for a body read here (a small one, or one of a type this route refuses with 415).
    /// </summary>
    private static (MediaTypeHeaderValue MediaType, UploadedBodyFormat Format)? UploadFormat(HttpContext http, BulkOptions options)
    {
        if (http.Request.ContentLength is { } length && length < options.UploadByClaimCheckBytes) return null;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)) return null;
        if (IsMultipart(mediaType)) return (mediaType, UploadedBodyFormat.Csv);
        return mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ? (mediaType, UploadedBodyFormat.Json) : null;
    }

    /// <summary>
    /// A large create: its body streamed as uploaded into the claim check, and the store reads, checks (the same readers, the
    /// same located problems), resolves and creates from it; the reply comes back as for any large create.
    /// </summary>
    private static async Task<IResult> CreateFromUploadAsync(HttpContext http, IRequestClient<CreateProducts> client, StoreCommandSender sender,
        ProductsCheckIn checkIn, IdempotencyHeader idempotency, MediaTypeHeaderValue mediaType, UploadedBodyFormat format, bool isDryRun)
    {
        if (format == UploadedBodyFormat.Csv) AllowUpload(http);
        var (data, error) = await checkIn.CheckInUploadAsync(http, mediaType, format, idempotency);
        if (error is not null) return error;
        ReleaseLargeImportMemoryAfter(http);

        var command = new CreateProducts(http.User.FindFirst(GatewayClaims.CommunityId)!.Value, http.GetRequestId(), [], isDryRun)
        {
            Idempotency = idempotency.Stamp(),
            UploadData = data,
            UploadFormat = format,
        };
        // The store locates its problems itself (row and column, or index), as the gateway does for a body it reads.
        return await sender.SendAsync<CreateProducts, CreateProductsSucceeded>(http, client, command, item => item, Created);
    }

    /// <summary>
    /// 400 with the body's problems and, when every item could be read, the names of it that do not resolve in
    /// the community: asked of the store as a dry run, so that nothing invalid is written. Without the store's
    /// answer (unreachable, late), the body's own problems alone.
    /// </summary>
    private static async Task<IResult> InvalidAsync(HttpContext http, IRequestClient<CreateProducts> client, StoreCommandSender sender,
        ProductsCheckIn checkIn, string communityId, ProductsReadResult read, Func<ErrorItem, ErrorItem> locate)
    {
        if (!read.NamesCheckable) return ApiErrors.Validation(http, read.Errors);
        // Vouchers carry no names: a large file's codes need not travel for this (its permission names may).
        var (command, _) = await checkIn.CheckInAsync(http,
            new CreateProducts(communityId, http.GetRequestId(), [.. read.Products.Select(p => p with { Vouchers = [] })], DryRun: true));
        CommandRejected? rejected = null;
        if (command is not null)
        {
            (var succeeded, rejected, _) = await sender.RequestAsync<CreateProducts, CreateProductsSucceeded>(http, client, command);
            await checkIn.DiscardAsync(succeeded);
        }

        return ApiErrors.Validation(http, [.. ProductErrors.WithUnresolvedNames(read.Errors, rejected?.Errors.Select(locate) ?? [])]);
    }

    /// <summary>
    /// <c>PUT /apis/products/bulk</c>: 1–100 updates naming their product by <c>productID</c> (or <c>_id</c>), as a JSON
    /// array or a CSV with a <c>Product ID</c> column; checked for shape here, merged and validated by the store.
    /// </summary>
    public static async Task<IResult> UpdateProducts(HttpContext http, IRequestClient<UpdateProducts> client, StoreCommandSender sender, GatewayMetrics metrics)
    {
        metrics.CountBulkRequest(http, "update");
        var (idempotency, invalidKey) = IdempotencyHeader.Read(http);
        if (invalidKey is not null) return invalidKey;

        IReadOnlyList<ProductFieldsUpdate> items;
        Func<ErrorItem, ErrorItem> locate = item => item;
        var mediaType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var parsed) ? parsed : null;
        if (IsMultipart(mediaType))
        {
            AllowUpload(http);
            var (csv, csvError) = await CsvUpload.ReadAsync(http, mediaType!, idempotency!, ProductCsvReader.ReadUpdates);
            if (csvError is not null) return csvError;
            if (csv!.Errors.Count > 0) return UpdateRefused(http, csv.Errors);
            (items, locate) = (csv.Items, csv.Layout.Locate);
        }
        else
        {
            var (document, error) = await JsonBody.ReadAsync(http, ProductUploadReader.JsonOptions);
            if (error is not null) return error;
            using (document)
            {
                var (read, errors) = ProductUpdatesReader.Read(document!.RootElement);
                if (errors.Count > 0) return UpdateRefused(http, errors);
                items = read;
            }
        }

        metrics.BulkAccepted(items.Count);
        var command = new UpdateProducts(http.User.FindFirst(GatewayClaims.CommunityId)!.Value, http.GetRequestId(), items)
        {
            Idempotency = idempotency!.Stamp(),
        };
        return await sender.SendAsync<UpdateProducts, UpdateProductsSucceeded>(http, client, command, locate, succeeded =>
            ApiResults.Success(ApiMeta.Success(StatusCodes.Status200OK) with { Updated = succeeded.Products.Count },
                "Update products success.", succeeded.Products));
    }

    private static IResult UpdateRefused(HttpContext http, IReadOnlyList<ErrorItem> errors)
    {
        var status = errors.All(e => e.Code == "product_not_found") ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return ApiErrors.Result(http, status, status == StatusCodes.Status404NotFound ? "Some products were not found." : "The request is invalid.", errors);
    }

    public static IResult GetTemplate() =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ProductCsvTemplate.Build()), "text/csv; charset=utf-8", ProductCsvTemplate.FileName);

    /// <summary>A large create's memory given back to the system once its response is sent.</summary>
    private static void ReleaseLargeImportMemoryAfter(HttpContext http) => http.Response.OnCompleted(() =>
    {
        LargeImportMemory.ReleaseSoon();
        return Task.CompletedTask;
    });

    private static bool IsMultipart(MediaTypeHeaderValue? mediaType) =>
        mediaType?.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    // The file may be 10 MiB, so the body may be that plus its multipart framing.
    private static void AllowUpload(HttpContext http) =>
        http.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>().MaxRequestBodySize = CsvUpload.MaxFileBytes + CsvUpload.MultipartAllowance;

    /// <summary>JSON or CSV, read into the same create objects: from here on the two formats share one path.</summary>
    private static async Task<(ProductsReadResult? Products, CsvReadResult? Csv, IResult? Error)> ReadBodyAsync(HttpContext http, IdempotencyHeader idempotency)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var parsed) ? parsed : null;
        if (IsMultipart(mediaType))
        {
            AllowUpload(http);
            var (csv, csvError) = await CsvUpload.ReadAsync(http, mediaType!, idempotency, ProductCsvReader.Read);
            return (csv?.Products, csv, csvError);
        }

        if (mediaType?.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, null, ApiErrors.Result(http, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "Send the products as application/json (a raw array) or multipart/form-data (a CSV in the field 'file')."));
        }

        var (document, error) = await JsonBody.ReadAsync(http, ProductUploadReader.JsonOptions);
        if (error is not null) return (null, null, error);
        using (document)
        {
            return (ProductJsonReader.ReadBulk(document!.RootElement), null, null);
        }
    }
}
