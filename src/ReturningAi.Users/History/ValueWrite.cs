using System.Text.Json;

namespace ReturningAi.Users.History;

/// <summary><c>PUT /users/{userID}/fields/{field}</c>: the raw value (checked against the field later) and its note.</summary>
public sealed record ValueWrite(JsonElement Value, ChangeNote Note);
