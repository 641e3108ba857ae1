using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>Builds the contract's success envelope.</summary>
public static class ApiResults
{
    public static JsonHttpResult<ApiEnvelope<T>> Success<T>(string message, T data, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Json(new ApiEnvelope<T>(ApiMeta.Success(statusCode), message, data), statusCode: statusCode);

    public static JsonHttpResult<ApiEnvelope<T>> Success<T>(ApiMeta meta, string message, T data) =>
        TypedResults.Json(new ApiEnvelope<T>(meta, message, data), statusCode: meta.StatusCode);
}
