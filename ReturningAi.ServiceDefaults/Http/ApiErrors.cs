using Microsoft.AspNetCore.Http;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>Builds and writes the contract's error envelope.</summary>
public static class ApiErrors
{
    public static ErrorEnvelope Envelope(HttpContext context, int statusCode, string message, IReadOnlyList<ErrorItem> errors) =>
        new(ApiMeta.Error(statusCode, context.GetRequestId()), message, errors);

    public static IResult Result(HttpContext context, int statusCode, string message, IReadOnlyList<ErrorItem> errors) =>
        TypedResults.Json(Envelope(context, statusCode, message, errors), statusCode: statusCode);

    public static IResult Result(HttpContext context, int statusCode, string code, string message, string? field = null) =>
        Result(context, statusCode, message, [new ErrorItem(code, message, field)]);

    public static IResult NotFound(HttpContext context, string what) =>
        Result(context, StatusCodes.Status404NotFound, "not_found", $"{what} was not found.");

    public static IResult Validation(HttpContext context, IReadOnlyList<ErrorItem> errors) =>
        Result(context, StatusCodes.Status400BadRequest, "The request is invalid.", errors);

    public static Task WriteAsync(HttpContext context, int statusCode, string code, string message, string? field = null)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(
            Envelope(context, statusCode, message, [new ErrorItem(code, message, field)]));
    }
}
