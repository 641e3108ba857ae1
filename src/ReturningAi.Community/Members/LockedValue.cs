using ReturningAi.Community.Model;
using ReturningAi.Users.Fields;

namespace ReturningAi.Community.Members;

/// <summary>A checked value of a locked field, and where the request set it (for error paths).</summary>
internal sealed record LockedValue(UserField Field, FieldValue? Value, FieldAssignment Assignment);
