using ReturningAi.Contracts.Http;
using ReturningAi.Users.Accounts;

namespace ReturningAi.Users.Tests;

public sealed class AccountReadersTests
{
    [Fact]
    public void Manage_reads_the_docs_body_and_needs_a_reason_to_ban()
    {
        var errors = new List<ErrorItem>();
        var request = ManageRequestReader.Read(Json.Parse("{'action': 'delete', 'user': 'ada'}"), errors);
        Assert.Equal(new ManageRequest("delete", "ada", null, null, null), request);

        Assert.Null(ManageRequestReader.Read(Json.Parse("{'action': 'ban', 'user': 'ada'}"), errors));
        Assert.Equal(("required", "reason"), (errors[0].Code, errors[0].Field));

        errors.Clear();
        Assert.Null(ManageRequestReader.Read(Json.Parse("{'action': 'suspend', 'reason': ''}"), errors));
        Assert.Equal(["action", "reason", "user"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Restore_may_bring_a_new_username_and_email()
    {
        var errors = new List<ErrorItem>();
        var request = ManageRequestReader.Read(Json.Parse("{'action': 'restore', 'user': 'ada', 'username': 'ada2', 'email': 'ada2@example.com'}"), errors);
        Assert.Equal(("ada2", "ada2@example.com"), (request!.NewUsername, request.NewEmail));
    }

    [Fact]
    public void Labels_change_by_add_and_remove_or_by_set_never_both()
    {
        var errors = new List<ErrorItem>();
        var change = LabelChangeReader.Read(Json.Parse("{'add': ['VIP', ' Staff '], 'remove': ['Guest']}"), errors);
        Assert.Equal(["VIP", "Staff"], change!.Add);
        Assert.Equal(["Guest"], change.Remove);
        Assert.Null(change.Set);

        Assert.Equal([], LabelChangeReader.Read(Json.Parse("{'set': []}"), errors)!.Set);

        Assert.Null(LabelChangeReader.Read(Json.Parse("{'set': ['a'], 'add': ['b']}"), errors));
        Assert.Null(LabelChangeReader.Read(Json.Parse("{'add': ['VIP'], 'remove': ['x', 'vip']}"), errors));
        Assert.Null(LabelChangeReader.Read(Json.Parse("{}"), errors));
        Assert.Equal([("conflicting_change", "set"), ("conflicting_change", "remove[1]"), ("required", "add")],
            errors.Select(e => (e.Code, e.Field)));
    }
}
