using System.Text.Json.Nodes;

namespace ReturningAi.Contracts.Members;

/// <summary>
/// A page of <c>POST /users/search</c> in the success envelope: whole users, or with <c>fields</c> only
/// <c>_id</c> and those columns (by the docs' names).
/// </summary>
public sealed record UserSearchPage(UserSearchMeta Meta, string Message, IReadOnlyList<JsonObject> Data);
