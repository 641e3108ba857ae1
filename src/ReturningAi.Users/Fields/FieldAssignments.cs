using ReturningAi.Contracts.Http;

namespace ReturningAi.Users.Fields;

/// <summary>Resolves the values a body sets against the community's fields and checks each by its type.</summary>
public static class FieldAssignments
{
    /// <summary>
    /// Every assignment resolved and valid, or the problems (unknown field 400 <c>unknown_user_field</c>,
    /// a field named twice <c>duplicate_field</c> unless <paramref name="allowRepeats"/>, a bad value
    /// <c>invalid_field_value</c>) in <paramref name="errors"/>.
    /// </summary>
    public static IReadOnlyList<ResolvedAssignment> Resolve(IReadOnlyList<FieldAssignment> assignments, IReadOnlyList<KnownUserField> fields,
        List<ErrorItem> errors, bool allowRepeats = false)
    {
        var resolved = new List<ResolvedAssignment>(assignments.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var field = fields.FirstOrDefault(f => f.IsNamedBy(assignment.FieldReference));
            if (field is null)
            {
                errors.Add(new ErrorItem("unknown_user_field", $"'{assignment.FieldReference}' is not a user field of this community.",
                    assignment.ReferencePath) { Index = assignment.Index });
                continue;
            }

            if (!seen.Add(field.Id) && !allowRepeats)
            {
                errors.Add(new ErrorItem("duplicate_field", $"'{field.Key}' is set twice in this request.", assignment.ReferencePath) { Index = assignment.Index });
                continue;
            }

            if (UserFieldValueRules.TryRead(field.Definition.Shape, assignment.Value, out var value, out var problem))
            {
                resolved.Add(new ResolvedAssignment(field, value, assignment));
            }
            else
            {
                errors.Add(new ErrorItem("invalid_field_value", problem, assignment.ValuePath) { Index = assignment.Index });
            }
        }

        return resolved;
    }
}
