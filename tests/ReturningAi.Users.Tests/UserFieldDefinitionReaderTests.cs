using ReturningAi.Contracts.Http;
using ReturningAi.Users.Fields;

namespace ReturningAi.Users.Tests;

public sealed class UserFieldDefinitionReaderTests
{
    private static (UserFieldDefinition? Definition, List<ErrorItem> Errors) Read(string json, UserFieldDefinition? current = null)
    {
        var errors = new List<ErrorItem>();
        return (UserFieldDefinitionReader.Read(Json.Parse(json), current, errors), errors);
    }

    private static UserFieldDefinition Valid(string json, UserFieldDefinition? current = null)
    {
        var (definition, errors) = Read(json, current);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")));
        return definition!;
    }

    private static void Refused(string json, UserFieldDefinition? current, params (string Code, string Field)[] expected)
    {
        var (definition, errors) = Read(json, current);
        Assert.Null(definition);
        Assert.Equal(expected.OrderBy(e => e.Field), errors.Select(e => (e.Code, e.Field!)).OrderBy(e => e.Item2));
    }

    [Fact]
    public void Create_takes_defaults_and_turns_spaces_in_the_key_into_hyphens()
    {
        var field = Valid("{'field': ' deposit amount ', 'name': 'Deposit amount', 'type': 'numerical'}");

        Assert.Equal("deposit-amount", field.Key);
        Assert.Equal(UserFieldTypes.Number, field.Type);
        Assert.Equal("", field.Description);
        Assert.Empty(field.Options);
        Assert.False(field.Required);
        Assert.True(field.IsVisible);
        Assert.False(field.IsEditableByUser);
        Assert.False(field.IsUnique);
        Assert.Null(field.DefaultValue);
    }

    [Theory]
    [InlineData("single-line-text", "text")]
    [InlineData("Multi-Line-Text", "text")]
    [InlineData("numerical", "number")]
    [InlineData("multi_select", "multi_select")]
    public void Type_aliases_are_stored_as_the_first_name(string sent, string stored)
    {
        var options = stored == "multi_select" ? ", 'options': ['a']" : "";
        Assert.Equal(stored, Valid($"{{'field': 'f', 'name': 'F', 'type': '{sent}'{options}}}").Type);
    }

    [Fact]
    public void Every_problem_of_a_create_comes_back_together()
    {
        Refused("{'field': '1abc', 'name': '', 'type': 'colour', 'required': 'yes'}", null,
            ("invalid_field_name", "field"), ("invalid_length", "name"), ("invalid_field_type", "type"), ("invalid_type", "required"));
    }

    [Theory]
    [InlineData("email", "reserved_field_name")]
    [InlineData("JOIN_DATE", "reserved_field_name")]
    [InlineData("customFields", "reserved_field_name")]
    [InlineData("5f1d7c2e9a0b4c3d2e1f0a9b", "invalid_field_name")]
    [InlineData("abcdefabcdefabcdefabcdef", "invalid_field_name")]
    [InlineData("has.dot", "invalid_field_name")]
    [InlineData("_x", "invalid_field_name")]
    public void Keys_that_could_be_mistaken_are_refused(string key, string code)
    {
        Refused($"{{'field': '{key}', 'name': 'N', 'type': 'text'}}", null, (code, "field"));
    }

    [Fact]
    public void Key_length_is_1_to_50()
    {
        Valid($"{{'field': '{new string('k', 50)}', 'name': 'N', 'type': 'text'}}");
        Refused($"{{'field': '{new string('k', 51)}', 'name': 'N', 'type': 'text'}}", null, ("invalid_length", "field"));
    }

    [Fact]
    public void Selects_need_distinct_options_and_other_types_take_none()
    {
        Refused("{'field': 'tier', 'name': 'Tier', 'type': 'select'}", null, ("options_required", "options"));
        Refused("{'field': 'tier', 'name': 'Tier', 'type': 'select', 'options': ['Gold', 'gold', '']}", null,
            ("duplicate_option", "options[1]"), ("invalid_length", "options[2]"));
        Refused("{'field': 'n', 'name': 'N', 'type': 'number', 'options': ['1']}", null, ("options_not_allowed", "options"));
        Refused($"{{'field': 't', 'name': 'T', 'type': 'select', 'options': [{string.Join(",", Enumerable.Range(0, 101).Select(i => $"'o{i}'"))}]}}", null,
            ("too_many_items", "options"));
    }

    [Fact]
    public void Editable_needs_visible_and_unique_needs_text_or_number_without_default()
    {
        Refused("{'field': 'f', 'name': 'F', 'type': 'text', 'isVisible': false, 'isEditableByUser': true}", null,
            ("editable_requires_visible", "isEditableByUser"));
        Refused("{'field': 'f', 'name': 'F', 'type': 'boolean', 'isUnique': true}", null, ("unique_not_supported", "isUnique"));
        Refused("{'field': 'f', 'name': 'F', 'type': 'text', 'isUnique': true, 'defaultValue': 'x'}", null, ("default_not_allowed", "defaultValue"));
        Assert.True(Valid("{'field': 'f', 'name': 'F', 'type': 'number', 'isUnique': true}").IsUnique);
    }

    [Fact]
    public void A_default_value_is_checked_by_the_type()
    {
        Assert.Equal("Gold", Valid("{'field': 'tier', 'name': 'Tier', 'type': 'select', 'options': ['Gold'], 'defaultValue': 'GOLD'}").DefaultValue!.Text);
        Refused("{'field': 'n', 'name': 'N', 'type': 'number', 'defaultValue': 'ten'}", null, ("invalid_field_value", "defaultValue"));
    }

    [Fact]
    public void Update_needs_name_and_type_keeps_the_rest_and_never_changes_the_key()
    {
        var current = Valid("{'field': 'tier', 'name': 'Tier', 'type': 'select', 'options': ['Gold', 'Silver'], 'required': true, 'description': 'd'}");

        var renamed = Valid("{'name': 'Level', 'type': 'select'}", current);
        Assert.Equal("tier", renamed.Key);
        Assert.Equal(["Gold", "Silver"], renamed.Options);
        Assert.True(renamed.Required);
        Assert.Equal("d", renamed.Description);

        Assert.Equal("tier", Valid("{'field': 'TIER', 'name': 'Tier', 'type': 'select'}", current).Key);
        Refused("{'field': 'level', 'name': 'Tier', 'type': 'select'}", current, ("immutable_field", "field"));
        Refused("{'description': 'x'}", current, ("required", "name"), ("required", "type"));
    }

    [Fact]
    public void An_update_that_breaks_the_current_default_must_send_a_new_one()
    {
        var current = Valid("{'field': 'tier', 'name': 'Tier', 'type': 'select', 'options': ['Gold', 'Silver'], 'defaultValue': 'Silver'}");

        Refused("{'name': 'Tier', 'type': 'select', 'options': ['Gold']}", current, ("invalid_field_value", "defaultValue"));
        Assert.Equal("Gold", Valid("{'name': 'Tier', 'type': 'select', 'options': ['Gold'], 'defaultValue': 'Gold'}", current).DefaultValue!.Text);
        Assert.Null(Valid("{'name': 'Tier', 'type': 'text', 'options': [], 'defaultValue': null}", current).DefaultValue);
    }
}
