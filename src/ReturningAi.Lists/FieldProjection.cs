using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Lists;

/// <summary>
/// <c>fields=a,b,c</c>, on a list or on one object: each object with only those properties and its
/// <c>_id</c>, written as the service writes the whole object; a name the object does not have is 400 <c>invalid_fields</c>.
/// </summary>
public static class FieldProjection
{
    public const string IdField = "_id";

    private static readonly JsonSerializerOptions FieldNames = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>The properties of a read object, as JSON names them.</summary>
    public static IReadOnlyList<string> FieldsOf<TDto>() => [.. FieldNames.GetTypeInfo(typeof(TDto)).Properties.Select(p => p.Name)];

    /// <summary>The names of <c>fields=</c>, or null when it was not sent; unknown names are reported.</summary>
    public static List<string>? Read(IQueryCollection query, IReadOnlyList<string> selectable, List<ErrorItem> errors)
    {
        if (!query.TryGetValue("fields", out var values) || values.Count == 0) return null;
        var names = values.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in names.Where(name => !selectable.Contains(name, StringComparer.Ordinal)))
        {
            var shown = TextCharacters.AreAllowed(unknown) ? unknown : "(a name with control characters)";
            errors.Add(new ErrorItem("invalid_fields", $"'{shown}' is not a field of this object; use {string.Join(", ", selectable)}.", "fields"));
        }

        return names;
    }

    /// <summary>One object's answer, projected when the request sent <c>fields=</c>.</summary>
    public static IResult Success<TDto>(HttpContext http, string message, TDto item, int statusCode = StatusCodes.Status200OK)
    {
        var errors = new List<ErrorItem>();
        var fields = Read(http.Request.Query, FieldsOf<TDto>(), errors);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);
        return fields is null
            ? ApiResults.Success(message, item, statusCode)
            : ApiResults.Success(message, Project(http, item, fields), statusCode);
    }

    public static List<JsonObject> ProjectAll<TDto>(HttpContext http, IEnumerable<TDto> items, IReadOnlyCollection<string> fields) =>
        [.. items.Select(item => Project(http, item, fields))];

    public static JsonObject Project<TDto>(HttpContext http, TDto item, IReadOnlyCollection<string> fields)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var whole = JsonSerializer.SerializeToNode(item, options)!.AsObject();
        var projected = new JsonObject();
        foreach (var (name, value) in whole)
        {
            if (name == IdField || fields.Contains(name)) projected[name] = value?.DeepClone();
        }

        return projected;
    }
}
