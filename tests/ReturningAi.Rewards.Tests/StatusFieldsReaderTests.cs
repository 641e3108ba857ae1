using ReturningAi.Rewards.Requests;

namespace ReturningAi.Rewards.Tests;

public sealed class StatusFieldsReaderTests
{
    [Fact]
    public void A_create_reads_every_field_with_the_colour_in_upper_case()
    {
        var (fields, errors) = Json.Read("""{"name":" Shipping ","isDefault":false,"refundsPoints":false,"category":"incomplete","color":"#3ea1fd"}""",
            body => StatusFieldsReader.Read(body, isCreate: true));

        Assert.Empty(errors);
        Assert.Equal(new StatusFields("Shipping", false, false, "incomplete", "#3EA1FD", true), fields);
    }

    [Fact]
    public void A_create_needs_a_name_and_nothing_else()
    {
        var (fields, errors) = Json.Read("""{"name":"Delivered"}""", body => StatusFieldsReader.Read(body, isCreate: true));
        Assert.Empty(errors);
        Assert.Equal(new StatusFields("Delivered", null, null, null, null, false), fields);

        var (_, missing) = Json.Read("""{}""", body => StatusFieldsReader.Read(body, isCreate: true));
        Assert.Equal(("required", "name"), (Assert.Single(missing).Code, missing[0].Field));
    }

    [Fact]
    public void An_update_tells_a_cleared_colour_from_one_not_sent()
    {
        var (cleared, _) = Json.Read("""{"color":null}""", body => StatusFieldsReader.Read(body, isCreate: false));
        var (untouched, _) = Json.Read("""{"category":"complete"}""", body => StatusFieldsReader.Read(body, isCreate: false));

        Assert.True(cleared!.ColorSent);
        Assert.Null(cleared.Color);
        Assert.False(untouched!.ColorSent);
        Assert.Equal("complete", untouched.Category);
    }

    [Fact]
    public void Every_problem_of_a_status_comes_back_together()
    {
        var (fields, errors) = Json.Read("""{"name":"","isDefault":"yes","category":"done","color":"blue"}""",
            body => StatusFieldsReader.Read(body, isCreate: true));

        Assert.Null(fields);
        Assert.Equal(["name:invalid_length", "isDefault:invalid_type", "category:invalid_value", "color:invalid_color"],
            errors.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Fact]
    public void A_new_status_cannot_both_refund_and_be_the_default()
    {
        var (_, errors) = Json.Read("""{"name":"Cancelled","isDefault":true,"refundsPoints":true}""", body => StatusFieldsReader.Read(body, isCreate: true));

        Assert.Equal(("refunding_default", "refundsPoints"), (Assert.Single(errors).Code, errors[0].Field));
    }
}
