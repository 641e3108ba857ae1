namespace ReturningAi.Users.Fields;

/// <summary>A value to write: the field, its normalised value (null clears) and where the body set it.</summary>
public sealed record ResolvedAssignment(KnownUserField Field, FieldValue? Value, FieldAssignment Assignment);
