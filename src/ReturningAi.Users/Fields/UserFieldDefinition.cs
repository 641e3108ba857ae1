namespace ReturningAi.Users.Fields;

/// <summary>A custom user field's definition as the rules see it (users.md U5), without storage details.</summary>
public sealed record UserFieldDefinition(
    string Key,
    string Name,
    string Description,
    string Type,
    IReadOnlyList<string> Options,
    bool Required,
    bool IsVisible,
    bool IsEditableByUser,
    bool IsUnique,
    FieldValue? DefaultValue)
{
    public UserFieldShape Shape => new(Key, Type, Options);
}
