namespace ReturningAi.Users.Fields;

/// <summary>A value to write: the field and its normalised value (null clears).</summary>
public sealed record ResolvedAssignment(KnownUserField Field, FieldValue? Value);
