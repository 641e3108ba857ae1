using ReturningAi.Contracts.Http;

namespace ReturningAi.Users.Tests;

public sealed class UserInputReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static (UserInput Input, List<ErrorItem> Errors) Create(string json)
    {
        var errors = new List<ErrorItem>();
        return (UserInputReader.ReadCreate(Json.Parse(json), Now, errors), errors);
    }

    private static IEnumerable<(string, string?)> Problems(List<ErrorItem> errors) => errors.Select(e => (e.Code, e.Field)).OrderBy(e => e.Field);

    [Fact]
    public void The_docs_example_reads_with_its_names()
    {
        var (input, errors) = Create("""
            {'firstname': 'John', 'lastname': 'Doe', 'username': 'john_doe_123', 'displayname': 'John Doe',
             'email': 'john@example.com', 'password': 'StrongPass1!', 'confirmPassword': 'StrongPass1!', 'accessLevel': 1,
             'joinServer': true, 'sendEmail': true, 'emailPassword': true, 'emailTemplate': '0',
             'customFields': [{'fieldIdorName': 'customerid', 'value': 'C-1'}]}
            """);

        Assert.Empty(errors);
        Assert.Equal(("John", "Doe", "john_doe_123", "John Doe"), (input.FirstName, input.LastName, input.Username, input.DisplayName));
        Assert.Equal("StrongPass1!", input.Password);
        Assert.Equal(1, input.AccessLevel);
        Assert.Equal("0", input.EmailTemplate);
        Assert.Equal("customerid", Assert.Single(input.CustomFields).FieldReference);
        Assert.Equal("C-1", input.CustomFields[0].Value.GetString());
    }

    [Fact]
    public void Display_name_defaults_to_the_username_and_no_password_is_fine()
    {
        var (input, errors) = Create("{'username': 'ada', 'email': 'ada@example.com'}");
        Assert.Empty(errors);
        Assert.Equal("ada", input.DisplayName);
        Assert.Null(input.Password);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a@b")]
    [InlineData("a@@b.com")]
    [InlineData("a@b@c.com")]
    [InlineData("a b@c.com")]
    [InlineData("a(b)@c.com")]
    [InlineData("a@-b.com")]
    [InlineData("a@b..com")]
    [InlineData("@b.com")]
    [InlineData("é@b.com")]
    public void Bad_emails_are_refused(string email)
    {
        var (_, errors) = Create($"{{'username': 'u', 'email': '{email}'}}");
        Assert.Equal([("invalid_email", "email")], Problems(errors));
    }

    [Fact]
    public void A_local_part_of_64_characters_is_the_longest()
    {
        Assert.Empty(Create($"{{'username': 'u', 'email': '{new string('a', 64)}@example.com'}}").Errors);
        Assert.Single(Create($"{{'username': 'u', 'email': '{new string('a', 65)}@example.com'}}").Errors);
    }

    [Theory]
    [InlineData("'Secret1!'", "'Secret1?'", "password_mismatch", "confirmPassword")]
    [InlineData("'Secret1!'", null, "password_mismatch", "confirmPassword")]
    [InlineData("'Secret12'", "'Secret12'", "weak_password", "password")]
    [InlineData("'ada!'", "'ada!'", "weak_password", "password")]
    public void Passwords_must_match_hold_a_special_character_and_differ_from_the_username(string password, string? confirmation, string code, string field)
    {
        var confirm = confirmation is null ? "" : $", 'confirmPassword': {confirmation}";
        var (_, errors) = Create($"{{'username': 'ada!', 'email': 'ada@example.com', 'password': {password}{confirm}}}");
        Assert.Equal([(code, field)], Problems(errors));
    }

    [Fact]
    public void Every_problem_of_a_create_comes_back_together()
    {
        var (_, errors) = Create($$"""
            {'username': ' ', 'email': 'x', 'firstname': '{{new string('f', 101)}}', 'avatar': 'ftp://x/y.png',
             'joinServer': false, 'joinedAt': '2027-01-01T00:00:00Z', 'roles': [{{string.Join(",", Enumerable.Range(0, 101).Select(i => $"'r{i}'"))}}],
             'customFields': [{'value': 1}]}
            """);

        Assert.Equal(
            [("invalid_url", "avatar"), ("required", "customFields[0].fieldIdorName"), ("invalid_email", "email"),
             ("invalid_length", "firstname"), ("unsupported_option", "joinServer"), ("invalid_date", "joinedAt"), ("too_many_items", "roles"),
             ("invalid_length", "username")],
            Problems(errors).OrderBy(e => e.Item2, StringComparer.Ordinal));
    }

    [Fact]
    public void An_update_refuses_read_only_properties_and_reads_only_what_was_sent()
    {
        var errors = new List<ErrorItem>();
        UserInputReader.ReadUpdate(Json.Parse("{'roles': [], 'status': 'banned', 'password': 'x!', 'joinedAt': null}"), errors);
        Assert.Equal([("read_only_field", "joinedAt"), ("read_only_field", "password"), ("read_only_field", "roles"), ("read_only_field", "status")],
            Problems(errors));

        errors.Clear();
        var input = UserInputReader.ReadUpdate(Json.Parse("{'lastName': null, 'avatar': null}"), errors);
        Assert.Empty(errors);
        Assert.True(input.LastNameSent);
        Assert.Null(input.LastName);
        Assert.True(input.AvatarSent);
        Assert.False(input.FirstNameSent);
        Assert.Null(input.DisplayName);
        Assert.Null(input.Username);
    }

    [Fact]
    public void Names_are_stored_in_NFC_and_invisible_characters_are_refused()
    {
        var (input, errors) = Create("{'username': 'Ame\u0301lie', 'email': 'a@example.com', 'displayname': 'A\u200Bmelie'}");
        Assert.Equal("Am\u00e9lie", input.Username);
        Assert.Equal([("invalid_character", "displayname")], Problems(errors));
    }
}
