using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ReturningAi.Contracts.Members;

namespace ReturningAi.Community.Infrastructure;

/// <summary>Who made a change is kept as it was then, as one JSON value beside the change.</summary>
internal sealed class CreatorInfoConverter() : ValueConverter<CreatorInfo, string>(
    creator => JsonSerializer.Serialize(creator, Options),
    json => JsonSerializer.Deserialize<CreatorInfo>(json, Options)!)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
