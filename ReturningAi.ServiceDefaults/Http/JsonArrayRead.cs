using System.Text.Json;
using ReturningAi.Contracts.Http;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>
/// What <see cref="JsonArrayItems"/> found: the number of items of the array, the body's <c>malformed_json</c> problem if it has
/// one, or, for a body that is not an array, its whole document (the caller disposes it).
/// </summary>
public sealed record JsonArrayRead(int Count, ErrorItem? Error, JsonDocument? NotAnArray);
