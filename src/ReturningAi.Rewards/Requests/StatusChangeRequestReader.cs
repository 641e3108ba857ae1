using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Rewards.Requests;

/// <summary>Reads a status change (rewards.md §5): exactly one of <c>statusName</c>, <c>statusID</c>, else 400 <c>status_required</c>.</summary>
public static class StatusChangeRequestReader
{
    public static StatusChangeRequest? Read(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var before = body.Errors.Count;
        var name = body.ReadString("statusName", required: false);
        var id = body.ReadString("statusID", required: false);
        var note = body.ReadString("note", required: false, maxLength: StatusChangeRequest.MaxNoteLength);
        if (body.Errors.Count == before) RequireOne(name, id, "statusName", body);
        return body.Errors.Count > before ? null : new StatusChangeRequest(Blank(name), Blank(id), Blank(note));
    }

    /// <summary>The older form, <c>PUT /redemption-transactions/status</c>: <c>{transactionId, statusId}</c>.</summary>
    public static (string Order, StatusChangeRequest Change)? ReadTransactionForm(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var before = body.Errors.Count;
        var order = body.ReadString("transactionId", required: true, minLength: 1);
        var id = Blank(body.ReadString("statusId", required: false));
        if (id is null && body.Errors.All(e => e.Field != body.FieldPath("statusId")))
        {
            body.Errors.Add(new ErrorItem("status_required", "Send statusId, the id of the status to move to.", body.FieldPath("statusId")));
        }

        return body.Errors.Count > before ? null : (order!, new StatusChangeRequest(null, id, null));
    }

    private static void RequireOne(string? name, string? id, string field, JsonFields body)
    {
        if (string.IsNullOrEmpty(name) == string.IsNullOrEmpty(id))
        {
            body.Errors.Add(new ErrorItem("status_required", "Send exactly one of statusName and statusID.", body.FieldPath(field)));
        }
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
