namespace ReturningAi.Contracts.Commands;

/// <summary>
/// One product of a bulk update: its id and the fields to change, as a JSON object. A JSON body's nested
/// objects replace the stored ones whole; a CSV's carry only its non-blank cells, so they merge field by field.
/// </summary>
public sealed record ProductFieldsUpdate(string Id, string FieldsJson, bool MergeNested = false);
