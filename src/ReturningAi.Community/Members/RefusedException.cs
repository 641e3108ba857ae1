using ReturningAi.Contracts.Http;

namespace ReturningAi.Community.Members;

/// <summary>
/// A write refused part-way through its transaction (a 4xx with its error items): thrown so that the
/// transaction rolls back and nothing is half-applied, and answered by <see cref="MemberTransactions"/>.
/// </summary>
internal sealed class RefusedException(int statusCode, string message, IReadOnlyList<ErrorItem> errors) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyList<ErrorItem> Errors { get; } = errors;

    public static RefusedException Invalid(IReadOnlyList<ErrorItem> errors) => new(StatusCodes.Status400BadRequest, "The request is invalid.", errors);

    public static RefusedException Invalid(string code, string message, string? field) => Invalid([new ErrorItem(code, message, field)]);

    public static RefusedException Conflict(IReadOnlyList<ErrorItem> errors) =>
        new(StatusCodes.Status409Conflict, errors.Count == 1 ? errors[0].Message : "The request conflicts with the current state.", errors);

    public static RefusedException Conflict(string code, string message, string? field) => Conflict([new ErrorItem(code, message, field)]);

    public static RefusedException NotFound(string what) =>
        new(StatusCodes.Status404NotFound, $"{what} was not found.", [new ErrorItem("not_found", $"{what} was not found.", null)]);
}
